import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/** A WebSocket text frame as it goes on the wire from the server (RFC 6455 §5.2: FIN, text, unmasked). */
export function textFrame(json: string): Buffer {
  const length = Buffer.byteLength(json);
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = 0x81;
  if (header === 2) frame[1] = length;
  else if (header === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(0, 2);
    frame.writeUInt32BE(length, 6);
  }
  frame.write(json, header);
  return frame;
}

/**
 * A socket's outgoing frames of one turn of the event loop, written together as ONE buffer on the next tick.
 * A group commit settles a hundred messages at once, so an agent's socket gets two hundred frames in that turn:
 * through `ws` each frame was two writes (header, payload) and the turn one `writev` of hundreds of pieces, and
 * those writes were the largest single cost of the chat path. Frames are already framed (`textFrame`), and a frame
 * for many sockets is framed once. `ws` keeps reading, pinging and closing the socket; it writes only whole frames
 * itself (no compression here), so its frames and these never interleave. After `close` nothing more is written.
 */
export class FrameWriter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  private constructor(
    private readonly socket: WebSocket,
    private readonly tcp: Duplex,
  ) {}

  /** Undefined when `ws` holds no stream of its own (`_socket`, not in its types); send through `ws` then. */
  static for(socket: WebSocket): FrameWriter | undefined {
    const tcp = (socket as unknown as { _socket?: Duplex })._socket;
    return tcp ? new FrameWriter(socket, tcp) : undefined;
  }

  write(frame: Buffer): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.pending.length === 0) process.nextTick(this.flush);
    this.pending.push(frame);
    this.pendingBytes += frame.length;
  }

  private readonly flush = () => {
    const frames = this.pending;
    const bytes = this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    if (this.socket.readyState !== this.socket.OPEN || !this.tcp.writable) return;
    this.tcp.write(frames.length === 1 ? frames[0]! : Buffer.concat(frames, bytes));
  };
}
