import {
  BUSINESS_HOURS_PREVIEW_CHANGES,
  businessHoursPreview,
  businessHoursPreviewBody,
  businessHoursView,
  createBusinessHoursBody,
  idParams,
  okResponse,
  updateBusinessHoursBody,
} from '@kefu/shared';
import { z } from 'zod';
import type { KefuApp } from '../http/kefuApp.js';
import {
  businessCalendarCreator,
  businessCalendarDeleter,
  businessCalendarUpdater,
  loadBusinessCalendarView,
} from './businessCalendarCommands.js';
import { presentBusinessCalendar } from './businessCalendarPresenter.js';
import { listBusinessCalendars } from './businessCalendarRepository.js';
import { isOpenAt, nextChanges } from './calendar.js';

export function businessHoursRoutes(app: KefuApp) {
  const tags = ['business-hours'];
  const { ctx } = app;

  app.get(
    '/api/business-hours',
    {
      config: { access: 'businessHours.read' },
      schema: {
        tags,
        summary: 'List business-hours calendars (营业时间), each with whether it is open now',
        response: { 200: z.object({ items: z.array(businessHoursView) }) },
      },
    },
    async (request) => {
      const now = ctx.clock.now();
      const rows = await listBusinessCalendars(ctx.db.kysely, request.actor!.accountId);
      return { items: rows.map((row) => presentBusinessCalendar(row, now)) };
    },
  );

  app.post(
    '/api/business-hours',
    {
      config: { access: 'businessHours.manage' },
      schema: {
        tags,
        summary: 'Create a calendar: weekly hours, holidays and special working days (调休)',
        body: createBusinessHoursBody,
        response: { 201: businessHoursView },
      },
    },
    async (request, reply) => reply.status(201).send(await businessCalendarCreator(ctx, request.actor!, request.body)),
  );

  app.post(
    '/api/business-hours/preview',
    {
      config: { access: 'businessHours.read' },
      schema: {
        tags,
        summary: 'Whether a calendar (saved or not) is open at an instant, and its next changes',
        body: businessHoursPreviewBody,
        response: { 200: businessHoursPreview },
      },
    },
    (request) => {
      const { at, ...definition } = request.body;
      const instant = at ? Date.parse(at) : ctx.clock.now();
      return {
        at: new Date(instant).toISOString(),
        open: isOpenAt(definition, instant),
        changes: nextChanges(definition, instant, BUSINESS_HOURS_PREVIEW_CHANGES).map((change) => ({
          at: new Date(change.at).toISOString(),
          open: change.open,
        })),
      };
    },
  );

  app.get(
    '/api/business-hours/:id',
    {
      config: { access: 'businessHours.read' },
      schema: { tags, summary: 'One calendar', params: idParams, response: { 200: businessHoursView } },
    },
    (request) => loadBusinessCalendarView(ctx, ctx.db.kysely, request.actor!.accountId, request.params.id),
  );

  app.patch(
    '/api/business-hours/:id',
    {
      config: { access: 'businessHours.manage' },
      schema: {
        tags,
        summary: 'Change a calendar; fields left out keep their value',
        params: idParams,
        body: updateBusinessHoursBody,
        response: { 200: businessHoursView },
      },
    },
    (request) => businessCalendarUpdater(ctx, request.actor!, request.params.id, request.body),
  );

  app.delete(
    '/api/business-hours/:id',
    {
      config: { access: 'businessHours.manage' },
      schema: {
        tags,
        summary: 'Delete a calendar no inbox or SLA policy uses (else CALENDAR_IN_USE naming them)',
        params: idParams,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await businessCalendarDeleter(ctx, request.actor!, request.params.id);
      return { ok: true as const };
    },
  );
}
