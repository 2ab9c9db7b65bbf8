import { randomBytes } from 'node:crypto';
import { LIMITS } from '@kefu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type Session, seedWorkspace, signInAs, type TestApp } from '../test/testApp.js';
import { eventually } from '../test/testSocket.js';
import { createTestInbox } from '../test/testWidget.js';
import { visitorMessageSender } from '../widget/visitorMessageSender.js';
import { verifyVisitorToken } from '../widget/visitorToken.js';
import { widgetSessionStarter } from '../widget/widgetSession.js';
import { startMaintenance } from './maintenanceTimer.js';
import { unattachedUploadSweeper } from './unattachedUploadSweeper.js';

const MINUTE = 60_000;
const meta = () => ({ pageUrl: null, referrer: null, browser: null, os: null, ip: null, location: null });

describe('maintenance: unattached uploads', () => {
  let t: TestApp;
  let agent: Session;
  let conversationId: string;

  /** An agent uploads a small text file; returns its id. */
  const upload = async (label: string) => {
    const boundary = `----kefu-${randomBytes(6).toString('hex')}`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/attachments',
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        cookie: agent.cookie,
        'x-csrf-token': agent.csrfToken,
      },
      payload:
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${label}.txt"\r\n` +
        `Content-Type: text/plain\r\n\r\n${label}\r\n--${boundary}--\r\n`,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const attach = (ids: string[]) =>
    call(t.app, agent, 'POST', `/api/conversations/${conversationId}/messages`, {
      content: '附件',
      attachmentIds: ids,
    });
  const remaining = async (ids: string[]) =>
    (await t.ctx.db.kysely.selectFrom('attachments').select('id').where('id', 'in', ids).execute())
      .map((r) => r.id)
      .sort();

  beforeAll(async () => {
    t = await createTestApp();
    const w = await seedWorkspace(t.ctx, 'maint');
    agent = await signInAs(t.app, w.users.agent.email);
    const inbox = await createTestInbox(t.ctx, w.accountId);
    const session = await widgetSessionStarter(t.ctx, { websiteToken: inbox.website_token });
    const visitor = verifyVisitorToken(t.ctx.config.secret, session.visitorToken, t.clock.now())!;
    const created = await visitorMessageSender(
      t.ctx,
      visitor,
      { clientId: 'maint-first-1', conversationId: null, content: '你好', attachmentIds: [] },
      meta,
    );
    conversationId = created.conversation.id;
  });
  afterAll(() => t.close());

  it('deletes uploads no message used once they are older than 24 h, and keeps used and younger ones', async () => {
    const used = await upload('used');
    const unused = await upload('unused');
    expect((await attach([used])).statusCode).toBe(201);
    t.clock.advance(LIMITS.unattachedUploadTtlMs - MINUTE);
    const younger = await upload('younger');

    expect(await unattachedUploadSweeper(t.ctx)).toBe(0);
    expect(await remaining([used, unused, younger])).toEqual([used, unused, younger].sort());

    t.clock.advance(2 * MINUTE);
    expect(await unattachedUploadSweeper(t.ctx)).toBe(1);
    expect(await remaining([used, unused, younger])).toEqual([used, younger].sort());
    // The message still shows its attachment.
    const download = await t.app.inject({
      method: 'GET',
      url: (await call(t.app, agent, 'GET', `/api/conversations/${conversationId}/messages`))
        .json()
        .items.find((m: { attachments: { id: string }[] }) => m.attachments.some((a) => a.id === used)).attachments[0]
        .url,
    });
    expect(download.statusCode).toBe(200);
    // A deleted upload can no longer be sent, and the refused message stores nothing.
    const before = (await call(t.app, agent, 'GET', `/api/conversations/${conversationId}`)).json().lastSeq;
    const late = await attach([unused]);
    expect(late.statusCode).toBe(400);
    expect(late.json().error.code).toBe('VALIDATION_FAILED');
    expect((await call(t.app, agent, 'GET', `/api/conversations/${conversationId}`)).json().lastSeq).toBe(before);
  });

  it('sweeps more than one batch, and several nodes sweeping at once delete each upload once without failing', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 450; i++) ids.push(await upload(`bulk-${i}`));
    const kept = await upload('kept');
    expect((await attach([kept])).statusCode).toBe(201);
    t.clock.advance(LIMITS.unattachedUploadTtlMs + MINUTE);
    const unattached = await t.ctx.db.kysely
      .selectFrom('attachments')
      .select('id')
      .where('conversation_id', 'is', null)
      .execute();
    expect(unattached.length).toBeGreaterThanOrEqual(ids.length);

    const deleted = await Promise.all([
      unattachedUploadSweeper(t.ctx),
      unattachedUploadSweeper(t.ctx),
      unattachedUploadSweeper(t.ctx),
    ]);
    expect(deleted.reduce((a, b) => a + b, 0)).toBe(unattached.length);
    expect(await remaining([...ids, kept])).toEqual([kept]);
  });

  it('startMaintenance runs the sweep on its timer', async () => {
    const old = await upload('timer');
    t.clock.advance(LIMITS.unattachedUploadTtlMs + MINUTE);
    const stop = startMaintenance(t.ctx, 20);
    try {
      await eventually(async () => (await remaining([old])).length === 0, 'the old upload is deleted');
    } finally {
      stop();
    }
  });
});
