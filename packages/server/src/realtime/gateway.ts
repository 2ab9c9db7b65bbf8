import { randomUUID } from 'node:crypto';
import websocket from '@fastify/websocket';
import {
  CLOSE_CODES,
  type ClientFrame,
  type ClientSendFrame,
  PROTOCOL_VERSION,
  parseClientFrame,
  REALTIME_LIMITS,
  type RealtimeErrorCode,
  roleHasPermission,
  type ServerFrame,
} from '@kefu/shared';
import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { conversationMeta } from '../conversations/clientInfo.js';
import { conversationReader } from '../conversations/conversationReader.js';
import { findConversation } from '../conversations/conversationRepository.js';
import { messageCreator } from '../conversations/messageCreator.js';
import { presentMessage, presentMessageForContact } from '../conversations/messagePresenter.js';
import { listMessages } from '../conversations/messageRepository.js';
import { newId } from '../db/ids.js';
import type { Actor } from '../http/actor.js';
import { AppError } from '../http/appError.js';
import { authenticate } from '../http/authentication.js';
import type { KefuApp } from '../http/kefuApp.js';
import { sensitiveWordErrorFrame } from '../moderation/sensitiveWordErrorFrame.js';
import { agentConnected, agentDisconnected } from '../presence/presenceTracker.js';
import { greetQueuedVisitor, queueLeaver } from '../routing/queueVisitors.js';
import { visitorConversation, visitorMessageSender } from '../widget/visitorMessageSender.js';
import { type VisitorClaims, verifyVisitorToken } from '../widget/visitorToken.js';
import { FrameWriter } from './frameWriter.js';
import { RealtimeHub } from './hub.js';
import { InboundFrames } from './inboundFrames.js';
import { OutgoingFrame } from './outgoingFrame.js';
import {
  deleteAgentConnection,
  deleteStaleAgentConnections,
  insertAgentConnection,
  refreshAgentConnections,
} from './presenceRepository.js';

type Party =
  /** `reauthenticate` answers who the socket's session is now: null once it was ended or its user disabled. */
  | { kind: 'agent'; actor: Actor; reauthenticate: () => Promise<Actor | null> }
  | { kind: 'visitor'; visitor: VisitorClaims; meta: () => ReturnType<typeof conversationMeta> };

const ERROR_CODES_FROM_APP: Partial<Record<string, RealtimeErrorCode>> = {
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  VALIDATION_FAILED: 'VALIDATION_FAILED',
};

/**
 * The WebSocket endpoints. A socket's frames are handled one at a time in arrival order, so a client's
 * messages are stored in the order it sent them.
 */
export async function registerRealtime(app: KefuApp): Promise<RealtimeHub> {
  const ctx = app.ctx;
  const hub = new RealtimeHub(ctx);
  const nodeId = randomUUID();
  const agentConnections = new Set<string>();
  const sockets = new Set<WebSocket>();
  /** Agent sockets re-check their session now and then, so a disabled or signed-out agent is cut off. */
  const accessChecks = new Set<() => Promise<boolean>>();
  /**
   * When each visitor (contact) sent their recent messages, oldest first: the limit is per visitor, over all their
   * sockets.
   */
  const visitorSends = new Map<string, number[]>();
  /** A visitor's send times within the window; the older ones are dropped from the front. */
  const recentSends = (contactId: string, now: number): number[] => {
    const times = visitorSends.get(contactId) ?? [];
    let expired = 0;
    while (expired < times.length && times[expired]! < now - REALTIME_LIMITS.visitorWindowMs) expired++;
    if (expired > 0) times.splice(0, expired);
    if (times.length > 0) visitorSends.set(contactId, times);
    else visitorSends.delete(contactId);
    return times;
  };

  // Before @fastify/websocket's own preClose (which closes every socket without a code): say "going away".
  app.addHook('preClose', async () => {
    for (const socket of sockets) socket.close(CLOSE_CODES.goingAway, 'server shutting down');
  });
  await app.register(websocket, { options: { maxPayload: REALTIME_LIMITS.maxFrameBytes } });

  const presenceTimer = setInterval(() => {
    for (const contactId of visitorSends.keys()) recentSends(contactId, Date.now());
    for (const check of accessChecks) void check();
    const now = ctx.clock.now();
    void refreshAgentConnections(ctx.db.kysely, [...agentConnections], now)
      .then(() => deleteStaleAgentConnections(ctx.db.kysely, now))
      .catch((error: unknown) => ctx.log.warn({ err: error }, 'presence refresh failed'));
  }, REALTIME_LIMITS.heartbeatMs);
  presenceTimer.unref();

  app.addHook('onClose', async () => {
    clearInterval(presenceTimer);
    hub.close();
    for (const id of agentConnections) await deleteAgentConnection(ctx.db.kysely, id).catch(() => undefined);
  });

  const versionOk = (request: FastifyRequest) => (request.query as { v?: string }).v === String(PROTOCOL_VERSION);

  app.get(
    '/ws/widget',
    { websocket: true, config: { access: 'public' }, schema: { hide: true } },
    (socket, request) => {
      if (!versionOk(request))
        return socket.close(CLOSE_CODES.unsupportedVersion, `protocol v${PROTOCOL_VERSION} required`);
      const query = request.query as { token?: string; page?: string; ref?: string };
      const visitor = query.token ? verifyVisitorToken(ctx.config.secret, query.token, ctx.clock.now()) : null;
      if (!visitor) return socket.close(CLOSE_CODES.unauthenticated, 'invalid or expired visitor token');
      // Where the visit started comes with the visitor token (from the session body); the query is a fallback.
      const meta = () =>
        conversationMeta({
          pageUrl: visitor.pageUrl ?? query.page,
          referrer: visitor.referrer ?? query.ref,
          userAgent: request.headers['user-agent'],
          ip: request.ip,
          regionHeader: request.headers['x-kefu-region'] as string | undefined,
        });
      serve(socket, acceptFrames(socket), { kind: 'visitor', visitor, meta });
    },
  );

  app.get(
    '/ws/agent',
    { websocket: true, config: { access: 'public' }, schema: { hide: true } },
    async (socket, request) => {
      if (!versionOk(request))
        return socket.close(CLOSE_CODES.unsupportedVersion, `protocol v${PROTOCOL_VERSION} required`);
      if (!sameOrigin(request, ctx.config.publicUrl))
        return socket.close(CLOSE_CODES.forbidden, 'cross-site connection refused');
      // Before anything is awaited: frames the client sends meanwhile wait for `ready` instead of being lost.
      const inbound = acceptFrames(socket);
      const actor = await authenticate(ctx, request).catch(() => null);
      if (!actor) return socket.close(CLOSE_CODES.unauthenticated, 'sign in first');
      if (!roleHasPermission(actor.role, 'conversations.read'))
        return socket.close(CLOSE_CODES.forbidden, 'not allowed');
      const connectionId = newId(ctx.clock.now());
      const now = ctx.clock.now();
      await insertAgentConnection(ctx.db.kysely, {
        id: connectionId,
        account_id: actor.accountId,
        user_id: actor.userId,
        node_id: nodeId,
        connected_at: now,
        heartbeat_at: now,
      });
      agentConnections.add(connectionId);
      // Presence (presence/presenceTracker.ts): back with the status they chose; gone only after a grace period.
      await agentConnected(ctx, actor.accountId, actor.userId).catch((error: unknown) =>
        ctx.log.warn({ err: error }, 'presence on connect failed'),
      );
      const forget = () => {
        agentConnections.delete(connectionId);
        void deleteAgentConnection(ctx.db.kysely, connectionId)
          .then(() => agentDisconnected(ctx, actor.userId))
          .catch(() => undefined);
      };
      // The client may have gone while we were authenticating: its close event has fired already.
      if (socket.readyState === socket.CLOSED) return forget();
      socket.once('close', forget);
      const reauthenticate = async () => {
        // An AppError is a verdict (token revoked, user disabled); anything else (the database) is rethrown.
        const current = await authenticate(ctx, request).catch((error: unknown) => {
          if (error instanceof AppError) return null;
          throw error;
        });
        return current && roleHasPermission(current.role, 'conversations.read') ? current : null;
      };
      serve(socket, inbound, { kind: 'agent', actor, reauthenticate });
    },
  );

  /** The socket's frames, from the moment it opened (see inboundFrames.ts). */
  function acceptFrames(socket: WebSocket): InboundFrames {
    return new InboundFrames(
      socket,
      REALTIME_LIMITS.maxFramesBeforeReady,
      () => socket.close(CLOSE_CODES.tooManyFramesBeforeReady, 'too many frames before ready'),
      (error: unknown) => ctx.log.error({ err: error }, 'realtime frame failed'),
    );
  }

  function serve(socket: WebSocket, inbound: InboundFrames, party: Party) {
    sockets.add(socket);
    // Frames of one turn of the event loop (an ack and the message; a group commit's fan-out to an agent) leave
    // in one write (frameWriter.ts).
    const writer = FrameWriter.for(socket);
    /** A frame the hub made once for all its sockets, or one for this socket alone. */
    const deliver = (frame: OutgoingFrame) => {
      if (socket.readyState !== socket.OPEN) return;
      if (writer) writer.write(frame.wire);
      else socket.send(frame.json);
    };
    const send = (frame: ServerFrame) => deliver(new OutgoingFrame(frame));
    const remove = hub.add(
      party.kind === 'agent'
        ? {
            kind: 'agent',
            accountId: party.actor.accountId,
            userId: party.actor.userId,
            role: () => party.actor.role,
            send: deliver,
          }
        : {
            kind: 'visitor',
            accountId: party.visitor.accountId,
            inboxId: party.visitor.inboxId,
            contactId: party.visitor.contactId,
            send: deliver,
          },
    );

    let lastHeard = Date.now();
    const heartbeat = setInterval(() => {
      if (Date.now() - lastHeard > REALTIME_LIMITS.heartbeatMs * 2) {
        socket.close(CLOSE_CODES.heartbeatTimeout, 'no heartbeat');
        socket.terminate();
      } else socket.ping();
    }, REALTIME_LIMITS.heartbeatMs);
    socket.on('pong', () => {
      lastHeard = Date.now();
    });

    socket.on('message', () => {
      lastHeard = Date.now();
    });
    /** Agents: is the session still valid (and the user still enabled)? If not, the socket is closed. */
    const checkAccess = async (): Promise<boolean> => {
      if (party.kind !== 'agent') return true;
      // If the check itself fails (the database is unreachable), the socket keeps what it had.
      const current = await party.reauthenticate().catch(() => party.actor);
      if (current) {
        party.actor = current;
        return true;
      }
      socket.close(CLOSE_CODES.unauthenticated, 'the session has ended');
      return false;
    };
    if (party.kind === 'agent') accessChecks.add(checkAccess);
    socket.once('close', () => {
      clearInterval(heartbeat);
      remove();
      sockets.delete(socket);
      accessChecks.delete(checkAccess);
    });
    send({ type: 'ready', protocol: PROTOCOL_VERSION, heartbeatMs: REALTIME_LIMITS.heartbeatMs });
    // Frames that came before `ready` first, in order; then each as it comes.
    inbound.start(handle);
    // A queued customer who (re)connects learns their place at once.
    if (party.kind === 'visitor') void greetQueuedVisitor(ctx, party.visitor, send);

    async function handle(raw: string | null) {
      if (raw === null)
        return send({ type: 'error', code: 'INVALID_FRAME', message: 'Frames must be JSON text, not binary' });
      const parsed = parseClientFrame(raw);
      if (!parsed.ok) {
        const { code, message, ref } = parsed;
        return send({ type: 'error', code, message, ...(ref ? { ref } : {}) });
      }
      const frame = parsed.frame;
      if (party.kind === 'agent' && frame.type !== 'ping' && !(await checkAccess())) return;
      try {
        await dispatch(frame);
      } catch (error) {
        const ref = frame.type === 'message.send' ? frame.clientId : undefined;
        const sensitive = error instanceof AppError ? sensitiveWordErrorFrame(error, ref) : null;
        if (sensitive) send(sensitive);
        else if (error instanceof AppError) {
          send({
            type: 'error',
            code: ERROR_CODES_FROM_APP[error.code] ?? 'VALIDATION_FAILED',
            message: error.message,
            ...(ref ? { ref } : {}),
          });
        } else {
          ctx.log.error({ err: error }, 'realtime frame failed');
          send({
            type: 'error',
            code: 'INTERNAL',
            message: 'Something went wrong; send it again',
            ...(ref ? { ref } : {}),
          });
        }
      }
    }

    async function dispatch(frame: ClientFrame) {
      switch (frame.type) {
        case 'ping':
          return send({ type: 'pong' });
        case 'message.send':
          return sendMessage(frame);
        case 'resume':
          for (const { conversationId, afterSeq } of frame.conversations) {
            // A conversation the client may not see (or that is gone) costs it only that one, not the rest.
            try {
              await replay(conversationId, afterSeq);
            } catch (error) {
              if (!(error instanceof AppError)) throw error;
              const code = ERROR_CODES_FROM_APP[error.code] ?? 'VALIDATION_FAILED';
              send({ type: 'error', code, message: error.message, conversationId });
            }
          }
          return;
        case 'typing': {
          const conversation = await ownConversation(frame.conversationId);
          const sender =
            party.kind === 'agent'
              ? { type: 'user' as const, id: party.actor.userId, name: party.actor.name }
              : { type: 'contact' as const, id: party.visitor.contactId, name: null };
          ctx.bus.publish({
            type: 'typing',
            accountId: conversation.account_id,
            conversationId: conversation.id,
            contactId: conversation.contact_id,
            sender,
            typing: frame.typing,
          });
          return;
        }
        case 'leave':
          if (party.kind !== 'visitor') throw new AppError('FORBIDDEN', 'Only a customer leaves the queue');
          await queueLeaver(ctx, party.visitor, frame.conversationId);
          return;
        case 'read': {
          const conversation = await ownConversation(frame.conversationId);
          await conversationReader(
            ctx,
            { accountId: conversation.account_id, reader: party.kind === 'agent' ? 'agent' : 'contact' },
            conversation.id,
            frame.seq,
          );
          return;
        }
      }
    }

    async function ownConversation(conversationId: string) {
      if (party.kind === 'visitor') return visitorConversation(ctx, party.visitor, conversationId);
      const conversation = await findConversation(ctx.db.kysely, party.actor.accountId, conversationId);
      if (!conversation) throw new AppError('NOT_FOUND', 'Conversation not found');
      return conversation;
    }

    async function replay(conversationId: string, afterSeq: number) {
      const conversation = await ownConversation(conversationId);
      const rows = await listMessages(ctx.db.kysely, conversation.account_id, conversation.id, {
        afterSeq,
        limit: REALTIME_LIMITS.maxReplayPerConversation,
        includeNotes: party.kind === 'agent',
      });
      const present = party.kind === 'agent' ? presentMessage : presentMessageForContact;
      for (const row of rows)
        send({
          type: 'message',
          conversationId: conversation.id,
          seq: row.seq,
          message: present(ctx.config.secret, row),
        });
      send({ type: 'resumed', conversationId: conversation.id, lastSeq: rows.at(-1)?.seq ?? afterSeq });
    }

    async function sendMessage(frame: ClientSendFrame) {
      if (frame.content.trim() === '' && frame.attachmentIds.length === 0) {
        return send({ type: 'error', code: 'EMPTY_MESSAGE', message: 'The message is empty', ref: frame.clientId });
      }
      if (party.kind === 'visitor') {
        const now = Date.now();
        const sentTimes = recentSends(party.visitor.contactId, now);
        if (sentTimes.length >= ctx.config.visitorMessageLimit) {
          return send({
            type: 'error',
            code: 'RATE_LIMITED',
            message: 'Too many messages; wait a few seconds and send again',
            ref: frame.clientId,
          });
        }
        sentTimes.push(now);
        visitorSends.set(party.visitor.contactId, sentTimes);
        const created = await visitorMessageSender(ctx, party.visitor, frame, party.meta);
        return ack(frame.clientId, created);
      }
      if (!roleHasPermission(party.actor.role, 'conversations.reply'))
        throw new AppError('FORBIDDEN', 'You may not reply');
      if (!frame.conversationId) throw new AppError('VALIDATION_FAILED', 'conversationId is required for agents');
      const created = await messageCreator(ctx, {
        accountId: party.actor.accountId,
        conversationId: frame.conversationId,
        kind: frame.private ? 'note' : 'outgoing',
        sender: { type: 'user', id: party.actor.userId, name: party.actor.name },
        content: frame.content,
        attachmentIds: frame.attachmentIds,
        clientId: frame.clientId,
        confirmSensitive: frame.confirmSensitive === true,
      });
      return ack(frame.clientId, created);
    }

    function ack(clientId: string, created: Awaited<ReturnType<typeof messageCreator>>) {
      send({
        type: 'ack',
        clientId,
        conversationId: created.message.conversation_id,
        messageId: created.message.id,
        seq: created.message.seq,
        duplicate: created.duplicate,
      });
    }
  }

  return hub;
}

/** Browsers send Origin on WebSocket upgrades; a console socket from another site is refused (CSWSH). */
function sameOrigin(request: FastifyRequest, publicUrl: string): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  const host = request.headers.host;
  try {
    const originUrl = new URL(origin);
    return originUrl.origin === new URL(publicUrl).origin || originUrl.host === host;
  } catch {
    return false;
  }
}
