import type { WebSocket } from 'ws';

/** A text frame, or null for a binary one (refused by the handler). */
export type InboundFrame = string | null;

/**
 * A socket's frames, handled one at a time in arrival order (so a client's messages are stored in the order it
 * sent them). The listener is attached as soon as the socket opens: frames that arrive while the connection is
 * still being set up (an agent's session checked, presence recorded) wait here until `start`, instead of being
 * dropped for want of a listener. At most `limit` frames wait; one more means a client that does not wait for
 * `ready`, and `onOverflow` closes the socket.
 */
export class InboundFrames {
  private readonly waiting: InboundFrame[] = [];
  private handler: ((frame: InboundFrame) => Promise<void>) | undefined;
  private draining = false;
  private overflowed = false;

  constructor(
    socket: WebSocket,
    private readonly limit: number,
    private readonly onOverflow: () => void,
    private readonly onError: (error: unknown) => void,
  ) {
    socket.on('message', (data, isBinary) => this.push(isBinary ? null : data.toString()));
  }

  /** Handles the waiting frames, then every later one as it comes. */
  start(handler: (frame: InboundFrame) => Promise<void>): void {
    this.handler = handler;
    void this.drain();
  }

  private push(frame: InboundFrame) {
    if (this.overflowed) return;
    if (!this.handler && this.waiting.length >= this.limit) {
      this.overflowed = true;
      this.waiting.length = 0;
      this.onOverflow();
      return;
    }
    this.waiting.push(frame);
    if (this.handler && !this.draining) void this.drain();
  }

  private async drain() {
    if (this.draining || !this.handler) return;
    this.draining = true;
    try {
      for (let frame = this.waiting.shift(); frame !== undefined; frame = this.waiting.shift()) {
        await this.handler(frame).catch(this.onError);
      }
    } finally {
      this.draining = false;
    }
  }
}
