import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientSendFrame, parseClientFrame, REALTIME_LIMITS } from './protocol.js';

/** Values near the edges of each field of message.send, right and wrong. */
const sendLike = fc.record(
  {
    type: fc.constant('message.send'),
    clientId: fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
      fc.constantFrom('short', 'x'.repeat(65), 'has space!', 'ünïcode-id', '', 12345678),
    ),
    conversationId: fc.oneof(
      fc.constant(null),
      fc.uuid(),
      fc.constantFrom('not-a-uuid', '00000000-0000-0000-0000-000000000000', 'ABCDEF12-3456-7890-ABCD-EF1234567890', 7),
    ),
    content: fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(
        '你好',
        'x'.repeat(REALTIME_LIMITS.maxMessageChars),
        'x'.repeat(REALTIME_LIMITS.maxMessageChars + 1),
        '',
        null,
      ),
    ),
    attachmentIds: fc.oneof(
      fc.constant([]),
      fc.array(fc.uuid(), { maxLength: 2 }),
      fc.constant(['nope']),
      fc.constant('x'),
    ),
    private: fc.oneof(fc.boolean(), fc.constant('yes')),
    confirmSensitive: fc.oneof(fc.boolean(), fc.constant(1)),
    extra: fc.string({ maxLength: 5 }),
  },
  { requiredKeys: ['type'] },
);

describe('parseClientFrame, message.send', () => {
  it('accepts and builds exactly what the zod schema does, for any mix of good and bad fields', () => {
    fc.assert(
      fc.property(sendLike, (data) => {
        const parsed = parseClientFrame(JSON.stringify(data));
        const expected = clientSendFrame.safeParse(data);
        if (expected.success) expect(parsed).toEqual({ ok: true, frame: expected.data });
        else expect(parsed.ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('still names the field that is wrong', () => {
    const frame = { type: 'message.send', clientId: 'client-0001', conversationId: null };
    expect(parseClientFrame(JSON.stringify({ ...frame, content: 'x'.repeat(5001) }))).toMatchObject({
      ok: false,
      code: 'MESSAGE_TOO_LONG',
      ref: 'client-0001',
    });
    expect(parseClientFrame(JSON.stringify({ ...frame, content: 'hi', conversationId: 'nope' }))).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('conversationId'),
    });
  });
});
