import type { ServerFrame } from '@kefu/shared';
import { textFrame } from './frameWriter.js';

/**
 * A frame on its way to one audience (the account's agents, a customer's tabs): serialised and framed once,
 * however many sockets it goes to. Each of a message's frames used to be serialised again for every socket.
 */
export class OutgoingFrame {
  private text: string | undefined;
  private framed: Buffer | undefined;

  constructor(readonly frame: ServerFrame) {}

  get json(): string {
    this.text ??= JSON.stringify(this.frame);
    return this.text;
  }

  /** The WebSocket frame, header included (frameWriter.ts). */
  get wire(): Buffer {
    this.framed ??= textFrame(this.json);
    return this.framed;
  }
}
