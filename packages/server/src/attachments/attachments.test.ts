import { randomBytes } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { LIMITS } from '@kefu/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InboxRow } from '../inboxes/inboxRepository.js';
import { call, createTestApp, type Session, seedWorkspace, signInAs, type TestApp } from '../test/testApp.js';
import { TestSocket, wsBase } from '../test/testSocket.js';
import { createTestInbox } from '../test/testWidget.js';

type Workspace = Awaited<ReturnType<typeof seedWorkspace>>;
interface AttachmentView {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  url: string;
  isImage: boolean;
}

/** A real 2×2 RGB PNG: signature, IHDR, IDAT (zlib), IEND, each chunk with its CRC. */
function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0); // width
  ihdr.writeUInt32BE(2, 4); // height
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  // Two scanlines, each a filter byte (0) and two red pixels.
  const raw = Buffer.from([0, 255, 0, 0, 255, 0, 0, 0, 255, 0, 0, 255, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A multipart/form-data body built by hand: one file part. */
function multipart(fileName: string, contentType: string, data: Buffer, field = 'file') {
  const boundary = `----kefu-test-${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\n` +
      `Content-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, data, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

let ids = 0;
const newClientId = () => `att-${Date.now().toString(36)}-${++ids}`;
let addresses = 0;
const nextAddress = () => `10.9.${(++addresses >> 8) & 255}.${addresses & 255}`;

describe('attachments', () => {
  let t: TestApp;
  let w: Workspace;
  let inbox: InboxRow;
  let agent: Session;
  const png = tinyPng();
  const opened: TestSocket[] = [];

  const startVisitor = async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/widget/session',
      payload: { websiteToken: inbox.website_token },
      remoteAddress: nextAddress(),
    });
    return res.json() as { visitorToken: string; contact: { id: string } };
  };
  const uploadAsVisitor = (token: string, body: ReturnType<typeof multipart>, remoteAddress = '127.0.0.1') =>
    t.app.inject({
      method: 'POST',
      url: '/api/widget/attachments',
      headers: { ...body.headers, 'x-kefu-visitor': token },
      payload: body.payload,
      remoteAddress,
    });
  const uploadAsAgent = (session: Session, body: ReturnType<typeof multipart>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/attachments',
      headers: { ...body.headers, cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      payload: body.payload,
    });
  const socketFor = async (token: string) => {
    const socket = await TestSocket.connect(`${wsBase(t.app)}/ws/widget?v=1&token=${encodeURIComponent(token)}`);
    opened.push(socket);
    return socket;
  };
  const attachmentRows = () => t.ctx.db.kysely.selectFrom('attachments').select('id').execute();

  beforeAll(async () => {
    t = await createTestApp();
    w = await seedWorkspace(t.ctx, 'att');
    inbox = await createTestInbox(t.ctx, w.accountId);
    agent = await signInAs(t.app, w.users.agent.email);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });
  afterAll(() => t.close());

  it('a visitor and an agent upload a PNG: 201, an image, and the capability URL serves the same bytes', async () => {
    const visitor = await startVisitor();
    for (const res of [
      await uploadAsVisitor(visitor.visitorToken, multipart('截图.png', 'image/png', png)),
      await uploadAsAgent(agent, multipart('photo.PNG', 'application/octet-stream', png)),
    ]) {
      expect(res.statusCode, res.body).toBe(201);
      const view = res.json() as AttachmentView;
      expect(view).toMatchObject({ contentType: 'image/png', size: png.length, isImage: true });
      expect(view.url).toBe(`/api/attachments/${view.id}/${view.url.split('/').at(-1)}`);

      const download = await t.app.inject({ method: 'GET', url: view.url });
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(png)).toBe(true);
      expect(download.headers['content-type']).toBe('image/png');
      expect(download.headers['x-content-type-options']).toBe('nosniff');
      expect(download.headers['content-security-policy']).toContain('sandbox');
      expect(download.headers['content-disposition']).toMatch(/^inline; filename\*=UTF-8''/);
    }
    const [visitorUpload] = await t.ctx.db.kysely
      .selectFrom('attachments')
      .select(['file_name', 'uploader_type', 'uploader_id', 'conversation_id'])
      .where('uploader_type', '=', 'contact')
      .execute();
    expect(visitorUpload).toEqual({
      file_name: '截图.png',
      uploader_type: 'contact',
      uploader_id: visitor.contact.id,
      conversation_id: null,
    });
  });

  it('a wrong or borrowed signature is 404, and so is an unknown id', async () => {
    const res = await uploadAsAgent(agent, multipart('a.png', 'image/png', png));
    const view = res.json() as AttachmentView;
    const other = (await uploadAsAgent(agent, multipart('b.png', 'image/png', png))).json() as AttachmentView;
    const signature = view.url.split('/').at(-1)!;
    const otherSignature = other.url.split('/').at(-1)!;
    for (const url of [
      `/api/attachments/${view.id}/${'A'.repeat(signature.length)}`,
      // One character changed: the first, whose bits all count (the last one's low bits may be padding).
      `/api/attachments/${view.id}/${signature.startsWith('x') ? 'y' : 'x'}${signature.slice(1)}`,
      `/api/attachments/${view.id}/${otherSignature}`,
      `/api/attachments/00000000-0000-7000-8000-000000000000/${signature}`,
    ]) {
      const download = await t.app.inject({ method: 'GET', url });
      expect(download.statusCode, url).toBe(404);
      expect(download.rawPayload.includes(png)).toBe(false);
    }
  });

  it('HTML or SVG named evil.png is refused with 415, whatever the declared type', async () => {
    const visitor = await startVisitor();
    const before = (await attachmentRows()).length;
    for (const content of [
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
      '<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>',
      '  \n<html><script>alert(1)</script></html>',
      '\uFEFF<svg onload="alert(1)"></svg>',
      '<script>alert(1)</script>',
    ]) {
      const res = await uploadAsVisitor(visitor.visitorToken, multipart('evil.png', 'image/png', Buffer.from(content)));
      expect(res.statusCode, content).toBe(415);
      expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      const asAgent = await uploadAsAgent(agent, multipart('evil.png', 'image/svg+xml', Buffer.from(content)));
      expect(asAgent.statusCode, content).toBe(415);
    }
    // Unknown binary content is refused too.
    const binary = Buffer.from([0x00, 0x01, 0x02, 0x03, 0xfe, 0xff]);
    expect((await uploadAsVisitor(visitor.visitorToken, multipart('x.bin', 'image/png', binary))).statusCode).toBe(415);
    expect((await attachmentRows()).length).toBe(before);
  });

  it('plain text is accepted as text/plain and downloaded as an attachment, not shown inline', async () => {
    const res = await uploadAsAgent(agent, multipart('notes.html', 'text/html', Buffer.from('订单号 12345\n')));
    expect(res.statusCode, res.body).toBe(201);
    const view = res.json() as AttachmentView;
    expect(view).toMatchObject({ contentType: 'text/plain; charset=utf-8', isImage: false, fileName: 'notes.html' });
    const download = await t.app.inject({ method: 'GET', url: view.url });
    expect(download.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
  });

  it('a file over 10 MiB is refused with 413 and not stored; exactly 10 MiB is accepted', async () => {
    const visitor = await startVisitor();
    const before = (await attachmentRows()).length;
    const big = Buffer.concat([png, Buffer.alloc(LIMITS.maxAttachmentBytes + 1 - png.length)]);
    const tooBig = await uploadAsVisitor(visitor.visitorToken, multipart('big.png', 'image/png', big));
    expect(tooBig.statusCode, tooBig.body).toBe(413);
    expect(tooBig.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await uploadAsAgent(agent, multipart('big.png', 'image/png', big))).statusCode).toBe(413);
    expect((await attachmentRows()).length).toBe(before);

    const max = big.subarray(0, LIMITS.maxAttachmentBytes);
    const ok = await uploadAsVisitor(visitor.visitorToken, multipart('max.png', 'image/png', max));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().size).toBe(LIMITS.maxAttachmentBytes);
  });

  it('uploads need multipart, a file, and a signed-in caller', async () => {
    const visitor = await startVisitor();
    const json = await call(t.app, agent, 'POST', '/api/attachments', { file: 'x' });
    expect(json.statusCode).toBe(415);
    const noFile = await t.app.inject({
      method: 'POST',
      url: '/api/widget/attachments',
      headers: {
        'content-type': 'multipart/form-data; boundary=xyz',
        'x-kefu-visitor': visitor.visitorToken,
      },
      payload: '--xyz\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--xyz--\r\n',
    });
    expect(noFile.statusCode).toBe(400);
    const body = multipart('a.png', 'image/png', png);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/widget/attachments',
      headers: body.headers,
      payload: body.payload,
    });
    expect(anonymous.statusCode).toBe(401);
    // Department users upload for their task replies (they still cannot write in conversations).
    const department = await signInAs(t.app, w.users.department.email);
    expect((await uploadAsAgent(department, multipart('a.png', 'image/png', png))).statusCode).toBe(201);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/attachments',
      headers: { ...body.headers, cookie: agent.cookie },
      payload: body.payload,
    });
    expect(noCsrf.statusCode).toBe(403);
  });

  it('a message with an attachment shows it; another visitor cannot use that upload', async () => {
    const a = await startVisitor();
    const b = await startVisitor();
    const upload = (
      await uploadAsVisitor(a.visitorToken, multipart('发票.png', 'image/png', png))
    ).json() as AttachmentView;

    // Visitor B tries to send A's upload: refused, nothing stored, the upload stays unbound.
    const socketB = await socketFor(b.visitorToken);
    const stolenId = newClientId();
    socketB.send({
      type: 'message.send',
      clientId: stolenId,
      conversationId: null,
      content: '',
      attachmentIds: [upload.id],
    });
    expect(await socketB.nextOf('error', (f) => f.ref === stolenId)).toMatchObject({ code: 'VALIDATION_FAILED' });
    const row = await t.ctx.db.kysely
      .selectFrom('attachments')
      .select('conversation_id')
      .where('id', '=', upload.id)
      .executeTakeFirstOrThrow();
    expect(row.conversation_id).toBeNull();
    const messagesOfB = await t.ctx.db.kysely
      .selectFrom('messages')
      .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
      .select('messages.id')
      .where('conversations.contact_id', '=', b.contact.id)
      .execute();
    expect(messagesOfB).toEqual([]);
    // Nor may an agent attach a visitor's upload.
    const socketA = await socketFor(a.visitorToken);
    const ack = await socketA.sendMessage({
      clientId: newClientId(),
      conversationId: null,
      content: '',
      attachmentIds: [upload.id],
    });
    const conversationId = ack.conversationId;
    const agentTakes = await call(t.app, agent, 'POST', `/api/conversations/${conversationId}/messages`, {
      content: '转发',
      attachmentIds: [upload.id],
    });
    expect(agentTakes.statusCode).toBe(400);
    expect(agentTakes.json().error.code).toBe('VALIDATION_FAILED');

    const history = await call(t.app, agent, 'GET', `/api/conversations/${conversationId}/messages`);
    expect(history.json().items).toHaveLength(1);
    const [message] = history.json().items as { content: string; attachments: AttachmentView[] }[];
    expect(message!.content).toBe('');
    expect(message!.attachments).toEqual([upload]);
    const list = await call(t.app, agent, 'GET', '/api/conversations');
    const entry = list.json().items.find((c: { id: string }) => c.id === conversationId);
    expect(entry.lastMessage.preview).toBe('[发票.png]');

    // An agent reply with their own upload; the visitor sees it with the same URL.
    const agentUpload = (await uploadAsAgent(agent, multipart('回执.png', 'image/png', png))).json() as AttachmentView;
    const reply = await call(t.app, agent, 'POST', `/api/conversations/${conversationId}/messages`, {
      content: '请看回执',
      attachmentIds: [agentUpload.id],
    });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json().attachments).toEqual([agentUpload]);
    const live = await socketA.nextOf('message', (f) => f.message.id === reply.json().id);
    expect(live.message.attachments).toEqual([agentUpload]);
    const download = await t.app.inject({ method: 'GET', url: live.message.attachments[0]!.url });
    expect(download.rawPayload.equals(png)).toBe(true);

    // Once used in one conversation, an upload cannot be moved to another.
    const other = await startVisitor();
    const otherSocket = await socketFor(other.visitorToken);
    const otherConversation = (
      await otherSocket.sendMessage({ clientId: newClientId(), conversationId: null, content: '你好' })
    ).conversationId;
    const moved = await call(t.app, agent, 'POST', `/api/conversations/${otherConversation}/messages`, {
      content: '错发',
      attachmentIds: [agentUpload.id],
    });
    expect(moved.statusCode).toBe(400);
  });

  describe('widget upload limits', () => {
    /** Asserts a 429 RATE_LIMITED that says when to try again, and returns that many seconds. */
    const expectRateLimited = (res: Awaited<ReturnType<typeof uploadAsVisitor>>) => {
      expect(res.statusCode, res.body).toBe(429);
      const { error } = res.json() as { error: { code: string; details: { retryAfter: number; limit: number } } };
      expect(error.code).toBe('RATE_LIMITED');
      expect(error.details.retryAfter).toBeGreaterThan(0);
      expect(error.details.retryAfter).toBeLessThanOrEqual(LIMITS.widgetUploadWindowMs / 1000);
      expect(res.headers['retry-after']).toBe(String(error.details.retryAfter));
      return error.details;
    };
    const countOf = async (contactId: string) =>
      (
        await t.ctx.db.kysely
          .selectFrom('attachments')
          .select('id')
          .where('uploader_type', '=', 'contact')
          .where('uploader_id', '=', contactId)
          .execute()
      ).length;

    it(`one visitor may upload ${LIMITS.widgetUploadsPerVisitor} files per window, from any address; then RATE_LIMITED`, async () => {
      const visitor = await startVisitor();
      for (let i = 0; i < LIMITS.widgetUploadsPerVisitor; i++) {
        const res = await uploadAsVisitor(visitor.visitorToken, multipart(`${i}.png`, 'image/png', png), nextAddress());
        expect(res.statusCode, res.body).toBe(201);
      }
      const refused = await uploadAsVisitor(visitor.visitorToken, multipart('x.png', 'image/png', png), nextAddress());
      expect(expectRateLimited(refused).limit).toBe(LIMITS.widgetUploadsPerVisitor);
      expect(await countOf(visitor.contact.id)).toBe(LIMITS.widgetUploadsPerVisitor);
      // Another visitor is not held back by it; nor is an agent.
      const other = await startVisitor();
      expect(
        (await uploadAsVisitor(other.visitorToken, multipart('o.png', 'image/png', png), nextAddress())).statusCode,
      ).toBe(201);
      expect((await uploadAsAgent(agent, multipart('a.png', 'image/png', png))).statusCode).toBe(201);
    });

    it(`one address may upload ${LIMITS.widgetUploadsPerIp} files per window, however many visitor tokens it holds`, async () => {
      const address = nextAddress();
      const perVisitor = LIMITS.widgetUploadsPerVisitor / 2;
      let uploaded = 0;
      while (uploaded < LIMITS.widgetUploadsPerIp) {
        const visitor = await startVisitor();
        for (let i = 0; i < perVisitor && uploaded < LIMITS.widgetUploadsPerIp; i++, uploaded++) {
          const res = await uploadAsVisitor(visitor.visitorToken, multipart('p.png', 'image/png', png), address);
          expect(res.statusCode, res.body).toBe(201);
        }
      }
      const fresh = await startVisitor();
      const refused = await uploadAsVisitor(fresh.visitorToken, multipart('p.png', 'image/png', png), address);
      expect(expectRateLimited(refused).limit).toBe(LIMITS.widgetUploadsPerIp);
      expect(await countOf(fresh.contact.id)).toBe(0);
      // The same visitor from another address is fine.
      const elsewhere = await uploadAsVisitor(fresh.visitorToken, multipart('p.png', 'image/png', png), nextAddress());
      expect(elsewhere.statusCode).toBe(201);
    });
  });
});
