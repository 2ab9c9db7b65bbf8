import {
  completeTaskBody,
  createTaskBody,
  idParams,
  taskListQuery,
  taskListResponse,
  taskReplyBody,
  ticketTaskDetailView,
  updateTaskBody,
} from '@kefu/shared';
import type { KefuApp } from '../http/kefuApp.js';
import { taskCompleter, taskCreator, taskReplier, taskUpdater } from './taskCommands.js';
import { loadTaskDetail, loadTaskList } from './taskReader.js';

export function departmentTaskRoutes(app: KefuApp) {
  const tags = ['tasks'];
  const { ctx } = app;

  app.post(
    '/api/tickets/:id/tasks',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags,
        summary: 'Hand part of a ticket to a department (协办): team, owner, due time, instructions',
        params: idParams,
        body: createTaskBody,
        response: { 201: ticketTaskDetailView },
      },
    },
    async (request, reply) => {
      const taskId = await taskCreator(ctx, request.actor!, request.params.id, request.body);
      return reply.status(201).send(await loadTaskDetail(ctx, request.actor!, taskId));
    },
  );

  app.get(
    '/api/tasks',
    {
      config: { access: 'tasks.work' },
      schema: {
        tags,
        summary: "The caller's tasks: owned by them or their teams', newest first",
        querystring: taskListQuery,
        response: { 200: taskListResponse },
      },
    },
    (request) => loadTaskList(ctx, request.actor!, request.query),
  );

  app.get(
    '/api/tasks/:id',
    {
      config: { access: 'tasks.work' },
      schema: {
        tags,
        summary: 'One task with its thread (NOT_FOUND for a department user it is not shared with)',
        params: idParams,
        response: { 200: ticketTaskDetailView },
      },
    },
    (request) => loadTaskDetail(ctx, request.actor!, request.params.id),
  );

  app.patch(
    '/api/tasks/:id',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags,
        summary: "Change a task: team, owner, due time, instructions, sharing the customer's details, cancel or reopen",
        params: idParams,
        body: updateTaskBody,
        response: { 200: ticketTaskDetailView },
      },
    },
    async (request) => {
      await taskUpdater(ctx, request.actor!, request.params.id, request.body);
      return loadTaskDetail(ctx, request.actor!, request.params.id);
    },
  );

  app.post(
    '/api/tasks/:id/complete',
    {
      config: { access: 'tasks.work' },
      schema: {
        tags,
        summary: 'Mark a task done with its result; the last one moves the ticket on (执行中 → 待回访)',
        params: idParams,
        body: completeTaskBody,
        response: { 200: ticketTaskDetailView },
      },
    },
    async (request) => {
      await taskCompleter(ctx, request.actor!, request.params.id, request.body);
      return loadTaskDetail(ctx, request.actor!, request.params.id);
    },
  );

  app.post(
    '/api/tasks/:id/replies',
    {
      config: { access: 'tasks.work' },
      schema: {
        tags,
        summary: "Write in a task's thread (department ⇄ ticket staff)",
        params: idParams,
        body: taskReplyBody,
        response: { 201: ticketTaskDetailView },
      },
    },
    async (request, reply) => {
      await taskReplier(ctx, request.actor!, request.params.id, request.body);
      return reply.status(201).send(await loadTaskDetail(ctx, request.actor!, request.params.id));
    },
  );
}
