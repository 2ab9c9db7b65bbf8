import { complaintType, createTicketTypeBody, defaultTicketTypes, type TicketFieldDefinition } from '@kefu/shared';
import { describe, expect, it } from 'vitest';
import { checkFieldValues, type FieldCheckOptions } from './fieldValues.js';

const now = Date.parse('2026-03-02T09:00:00+08:00');
const staffCreate: FieldCheckOptions = { mode: 'create', audience: 'staff', now, today: '2026-03-02' };
const complaintForm = createTicketTypeBody.parse(complaintType()).fields;
const returnsForm = createTicketTypeBody.parse(defaultTicketTypes().find((t) => t.name === '退换货')!).fields;
const register = {
  phone: '139 0000 1111',
  reason: '  漏水  ',
  incident_at: '2026-03-01T10:00:00+08:00',
};

const issuesOf = (form: TicketFieldDefinition[], input: Record<string, unknown>, options = staffCreate) =>
  checkFieldValues(form, input, {}, options).issues;

describe('form values are checked against the type’s form on the server', () => {
  it('stores a valid complaint register normalised: trimmed text, times in UTC', () => {
    const check = checkFieldValues(complaintForm, register, {}, staffCreate);
    expect(check.issues).toEqual([]);
    expect(check.values).toEqual({ phone: '139 0000 1111', reason: '漏水', incident_at: '2026-03-01T02:00:00.000Z' });
  });

  it('names every missing required field, and only the required ones', () => {
    expect(issuesOf(complaintForm, {})).toEqual([
      { field: 'body.fields.phone', issue: 'is required' },
      { field: 'body.fields.reason', issue: 'is required' },
    ]);
    // Blank text is no answer.
    expect(issuesOf(complaintForm, { ...register, reason: '   ' })).toEqual([
      { field: 'body.fields.reason', issue: 'is required' },
    ]);
  });

  it('refuses unknown keys, wrong kinds, bad phones, future incidents and text over its bound', () => {
    const issues = issuesOf(complaintForm, {
      ...register,
      colour: 'red',
      company: 42,
      phone: 'call me',
      incident_at: '2026-03-05T10:00:00+08:00',
      batch: 'x'.repeat(51),
    });
    expect(issues).toEqual([
      { field: 'body.fields.phone', issue: expect.stringContaining('phone number') },
      { field: 'body.fields.incident_at', issue: 'must not be in the future' },
      { field: 'body.fields.colour', issue: 'is not a field of this form' },
      { field: 'body.fields.company', issue: 'must be text' },
      { field: 'body.fields.batch', issue: 'must be at most 50 characters' },
    ]);
  });

  it('checks selects, cascades down to a leaf, dates and attachment lists', () => {
    const valid = {
      request: 'exchange',
      reason: ['quality', 'damaged'],
      received_on: '2026-02-28',
      photos: ['0195f5a0-0000-7000-8000-000000000001'],
    };
    const check = checkFieldValues(returnsForm, valid, {}, staffCreate);
    expect(check.issues).toEqual([]);
    expect(check.uploads.get('photos')).toEqual(['0195f5a0-0000-7000-8000-000000000001']);
    expect(
      issuesOf(returnsForm, {
        request: 'refund',
        reason: ['quality'],
        received_on: '2026-02-30',
        photos: ['not-a-file'],
      }).map((i) => i.field),
    ).toEqual(['body.fields.request', 'body.fields.reason', 'body.fields.received_on', 'body.fields.photos']);
    expect(issuesOf(returnsForm, { ...valid, reason: ['damaged'] })[0]?.issue).toContain('not an option at the top');
    expect(issuesOf(returnsForm, { ...valid, received_on: '2026-03-03' })[0]?.issue).toBe('must not be in the future');
  });

  it('checks number bounds and decimals', () => {
    const form: TicketFieldDefinition[] = [
      {
        key: 'qty',
        label: '数量',
        kind: 'number',
        required: false,
        helpText: '',
        personal: false,
        inWidget: false,
        min: 1,
        max: 10,
        decimals: 0,
      },
    ];
    expect(issuesOf(form, { qty: 3 })).toEqual([]);
    expect(issuesOf(form, { qty: 0 })[0]?.issue).toBe('must be at least 1');
    expect(issuesOf(form, { qty: 11 })[0]?.issue).toBe('must be at most 10');
    expect(issuesOf(form, { qty: 2.5 })[0]?.issue).toBe('must be a whole number');
    expect(issuesOf(form, { qty: '3' })[0]?.issue).toBe('must be a number');
  });

  it('a customer sees only the widget’s fields; staff-only fields do not exist for them', () => {
    const form: TicketFieldDefinition[] = complaintForm.map((f) => (f.key === 'batch' ? { ...f, inWidget: false } : f));
    const customer = { ...staffCreate, audience: 'customer' as const };
    expect(issuesOf(form, { ...register, batch: 'B1' }, customer)).toEqual([
      { field: 'body.fields.batch', issue: 'is not a field of this form' },
    ]);
  });

  it('on update only the named fields change; clearing a required one is refused; same values change nothing', () => {
    const existing = { phone: '13900001111', reason: '漏水', batch: 'B1' };
    const update = { ...staffCreate, mode: 'update' as const };
    expect(checkFieldValues(complaintForm, { batch: null }, existing, update)).toMatchObject({
      values: { phone: '13900001111', reason: '漏水' },
      changed: ['batch'],
      issues: [],
    });
    expect(checkFieldValues(complaintForm, { reason: null }, existing, update).issues).toEqual([
      { field: 'body.fields.reason', issue: 'is required' },
    ]);
    expect(checkFieldValues(complaintForm, { reason: '漏水' }, existing, update).changed).toEqual([]);
  });
});
