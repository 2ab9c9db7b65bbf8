import type { TicketCommentView, TicketFileView, TicketTaskDetailView, TicketView } from '@kefu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, nextTestAddress, type Session, type TestApp } from '../test/testApp.js';
import {
  chattingVisitor,
  complaintBody,
  expectError,
  fileUpload,
  type TicketWorld,
  ticketWorld,
} from '../test/testTickets.js';

/** Files on ticket comments, public replies and task replies, and who may open them. */
describe('ticket attachments', () => {
  let t: TestApp;
  let w: TicketWorld;
  const as = (role: keyof TicketWorld['sessions']) => w.sessions[role];

  const upload = async (session: Session, fileName: string, data: string | Buffer) => {
    const body = fileUpload(fileName, data);
    return t.app.inject({
      method: 'POST',
      url: '/api/attachments',
      headers: { ...body.headers, cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      payload: body.payload,
      remoteAddress: nextTestAddress(),
    });
  };
  const uploadId = async (session: Session, fileName: string, text: string) => {
    const res = await upload(session, fileName, text);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const newComplaint = async () => {
    const res = await call(t.app, as('agent'), 'POST', '/api/tickets', complaintBody(w));
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as TicketView;
  };
  const comment = async (ticketId: string, body: string, attachmentIds: string[]) => {
    const res = await call(t.app, as('agent'), 'POST', `/api/tickets/${ticketId}/comments`, { body, attachmentIds });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as TicketCommentView;
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await ticketWorld(t, 'ticketfiles');
  });
  afterAll(() => t.close());

  it('an internal comment keeps its files; staff download them; an upload is used once; types are read from the bytes', async () => {
    const ticket = await newComplaint();
    const id = await uploadId(as('agent'), '检测报告.txt', '漏水点在杯盖密封圈');
    const created = await comment(ticket.id, '质检结论见附件', [id]);
    expect(created.files).toEqual([
      {
        id: expect.any(String),
        fileName: '检测报告.txt',
        contentType: 'text/plain; charset=utf-8',
        size: Buffer.byteLength('漏水点在杯盖密封圈'),
        url: `/api/tickets/${ticket.id}/files/${created.files[0]!.id}`,
        isImage: false,
      },
    ]);
    const listed = (await call(t.app, as('supervisor'), 'GET', `/api/tickets/${ticket.id}/comments`)).json();
    expect(listed.items.find((c: TicketCommentView) => c.id === created.id).files).toEqual(created.files);
    const file = await call(t.app, as('supervisor'), 'GET', created.files[0]!.url);
    expect(file.statusCode).toBe(200);
    expect(file.body).toBe('漏水点在杯盖密封圈');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(String(file.headers['content-disposition'])).toMatch(/^attachment; filename\*=UTF-8''/);

    // The upload became a ticket file: using it again names the field, and stores no comment.
    const before = await t.ctx.db.kysely.selectFrom('ticket_comments').select('id').execute();
    const reused = await call(t.app, as('agent'), 'POST', `/api/tickets/${ticket.id}/comments`, {
      body: '再发一次',
      attachmentIds: [id],
    });
    expectError(reused, 400, 'VALIDATION_FAILED');
    expect(reused.json().error.details).toEqual([
      { field: 'body.attachmentIds', issue: 'names an upload that is unknown, not yours or already used' },
    ]);
    // Someone else's upload is not yours to attach.
    const theirs = await uploadId(as('supervisor'), 'x.txt', '主管的文件');
    expectError(
      await call(t.app, as('agent'), 'POST', `/api/tickets/${ticket.id}/comments`, {
        body: '借用',
        attachmentIds: [theirs],
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(await t.ctx.db.kysely.selectFrom('ticket_comments').select('id').execute()).toEqual(before);

    // A program renamed to .png is refused by its content.
    const disguised = await upload(as('agent'), '照片.png', Buffer.from('MZ\x90\x00\x03\x00\x00\x00binary', 'latin1'));
    expectError(disguised, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('department users open only the files of what they see: never an internal comment’s, shared or not', async () => {
    const ticket = await newComplaint();
    const internal = await comment(ticket.id, '客户可能要求赔偿，内部先评估', [
      await uploadId(as('agent'), '内部评估.txt', '内部评估：赔偿上限 300'),
    ]);
    const internalUrl = internal.files[0]!.url;
    // Not shared with them at all: the ticket does not exist for them.
    expectError(await call(t.app, as('department'), 'GET', internalUrl), 404, 'NOT_FOUND');

    // Shared through a task of their team: the task thread's files open, the internal comment's still do not.
    const task = await call(t.app, as('agent'), 'POST', `/api/tickets/${ticket.id}/tasks`, {
      teamId: w.warehouseTeamId,
      title: '补发',
    });
    expect(task.statusCode, task.body).toBe(201);
    const taskId = task.json().id as string;
    const staffReply = await call(t.app, as('agent'), 'POST', `/api/tasks/${taskId}/replies`, {
      body: '收货信息见附件',
      attachmentIds: [await uploadId(as('agent'), '发货单.txt', '顺丰 SF1234567890')],
    });
    expect(staffReply.statusCode, staffReply.body).toBe(201);
    const shippingFile = (staffReply.json() as TicketTaskDetailView).replies[0]!.files[0]!;
    expect(shippingFile).toMatchObject({
      fileName: '发货单.txt',
      url: `/api/tickets/${ticket.id}/files/${shippingFile.id}`,
    });
    const seen = (await call(t.app, as('department'), 'GET', `/api/tasks/${taskId}`)).json() as TicketTaskDetailView;
    expect(seen.replies.map((r) => r.files.map((f) => f.fileName))).toEqual([['发货单.txt']]);
    const opened = await call(t.app, as('department'), 'GET', shippingFile.url);
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toBe('顺丰 SF1234567890');
    expectError(await call(t.app, as('department'), 'GET', internalUrl), 404, 'NOT_FOUND');

    // They upload too, and reply with a photo of the parcel; staff see it among the ticket's comments.
    const theirUpload = await uploadId(as('department'), '包裹.txt', '已打包');
    const deptReply = await call(t.app, as('department'), 'POST', `/api/tasks/${taskId}/replies`, {
      body: '已发出',
      attachmentIds: [theirUpload],
    });
    expect(deptReply.statusCode, deptReply.body).toBe(201);
    const comments = (await call(t.app, as('agent'), 'GET', `/api/tickets/${ticket.id}/comments`)).json().items;
    const parcel = comments.find((c: TicketCommentView) => c.body === '已发出') as TicketCommentView;
    expect(parcel).toMatchObject({ kind: 'task', taskId, files: [{ fileName: '包裹.txt' }] });
    expect((await call(t.app, as('agent'), 'GET', parcel.files[0]!.url)).body).toBe('已打包');

    // Another team's task thread on the same ticket stays closed to them.
    const finance = await call(t.app, as('admin'), 'POST', '/api/teams', { name: '财务', kind: 'department' });
    const refund = await call(t.app, as('agent'), 'POST', `/api/tickets/${ticket.id}/tasks`, {
      teamId: finance.json().id,
      title: '退款',
    });
    const refundReply = await call(t.app, as('agent'), 'POST', `/api/tasks/${refund.json().id}/replies`, {
      body: '退款凭证',
      attachmentIds: [await uploadId(as('agent'), '退款.txt', '退款 ¥300')],
    });
    const refundFile = (refundReply.json() as TicketTaskDetailView).replies[0]!.files[0]!;
    expectError(await call(t.app, as('department'), 'GET', refundFile.url), 404, 'NOT_FOUND');

    // Once their task is cancelled the ticket is no longer shared, and neither are its files.
    const cancelled = await call(t.app, as('agent'), 'PATCH', `/api/tasks/${taskId}`, {
      version: 1,
      status: 'cancelled',
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expectError(await call(t.app, as('department'), 'GET', shippingFile.url), 404, 'NOT_FOUND');
  });

  it('a public reply carries its files into the chat; the widget’s ticket view shows them to the customer', async () => {
    const chat = await chattingVisitor(t, w, '发票还没收到');
    const created = await call(t.app, as('agent'), 'POST', '/api/tickets', {
      typeId: w.types.get('咨询')!.id,
      conversationId: chat.conversationId,
      fields: { topic: 'order' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const ticketId = created.json().id as string;
    const reply = await call(t.app, as('agent'), 'POST', `/api/tickets/${ticketId}/replies`, {
      body: '电子发票已开具，请查收附件',
      attachmentIds: [await uploadId(as('agent'), '发票.txt', '发票号 0001')],
    });
    expect(reply.statusCode, reply.body).toBe(201);
    const files = (reply.json() as TicketCommentView).files;
    expect(files).toEqual([
      expect.objectContaining({ fileName: '发票.txt', url: expect.stringMatching(/^\/api\/attachments\//) }),
    ]);
    const listed = (await call(t.app, as('agent'), 'GET', `/api/tickets/${ticketId}/comments`)).json().items;
    expect(listed.find((c: TicketCommentView) => c.kind === 'public').files).toEqual(files);

    const widget = await t.app.inject({
      method: 'GET',
      url: `/api/widget/tickets/${ticketId}`,
      headers: { 'x-kefu-visitor': chat.token },
    });
    expect(widget.statusCode, widget.body).toBe(200);
    const attachments = widget.json().replies[0].attachments as TicketFileView[];
    expect(attachments).toEqual(files);
    const download = await t.app.inject({ method: 'GET', url: attachments[0]!.url });
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe('发票号 0001');
    // The chat shows the same message with the file.
    const history = await t.app.inject({
      method: 'GET',
      url: `/api/widget/conversations/${chat.conversationId}/messages`,
      headers: { 'x-kefu-visitor': chat.token },
    });
    const message = history.json().items.find((m: { content: string }) => m.content === '电子发票已开具，请查收附件');
    expect(message.attachments.map((a: { id: string }) => a.id)).toEqual([attachments[0]!.id]);
  });
});
