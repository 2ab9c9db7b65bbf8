import { CLOSE_CODES, LIMITS, PROTOCOL_VERSION, parseClientFrame, REALTIME_LIMITS } from '@kefu/shared';
import { describe, expect, it } from 'vitest';
import * as local from './protocol';

describe('the constants copied from @kefu/shared', () => {
  it('still equal the shared contract', () => {
    expect(local.PROTOCOL_VERSION).toBe(PROTOCOL_VERSION);
    expect(local.HEARTBEAT_MS).toBe(REALTIME_LIMITS.heartbeatMs);
    expect(local.MAX_MESSAGE_CHARS).toBe(REALTIME_LIMITS.maxMessageChars);
    expect(local.MAX_ATTACHMENT_BYTES).toBe(LIMITS.maxAttachmentBytes);
    expect(local.MESSAGE_PAGE_SIZE).toBeLessThanOrEqual(LIMITS.messagePageMax);
    expect(local.CLOSE_UNAUTHENTICATED).toBe(CLOSE_CODES.unauthenticated);
    expect([...local.CLOSE_FINAL].sort()).toEqual([CLOSE_CODES.forbidden, CLOSE_CODES.unsupportedVersion].sort());
  });

  it('makes client ids the server accepts', () => {
    const ids = new Set(Array.from({ length: 50 }, () => local.newClientId()));
    expect(ids.size).toBe(50);
    for (const clientId of ids) {
      const frame = { type: 'message.send', clientId, conversationId: null, content: 'hi', attachmentIds: [] };
      expect(parseClientFrame(JSON.stringify(frame)).ok).toBe(true);
    }
  });
});
