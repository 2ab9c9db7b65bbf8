import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type EventBus, LocalEventBus, type RealtimeEvent } from './events.js';

const CHANNEL = 'kefu:realtime:v1';

/**
 * Several nodes: an event is delivered to this node's sockets at once and published on Redis for the
 * others; a node ignores its own publications when they come back.
 */
export class RedisEventBus implements EventBus {
  private readonly local = new LocalEventBus();
  private readonly nodeId = randomUUID();
  private readonly publisher: Redis;
  private readonly subscriber: Redis;

  constructor(url: string, log: Logger) {
    this.publisher = new Redis(url, { maxRetriesPerRequest: 3 });
    this.subscriber = new Redis(url);
    this.subscriber.subscribe(CHANNEL).catch((error: unknown) => log.error({ err: error }, 'redis subscribe failed'));
    this.subscriber.on('message', (_channel: string, payload: string) => {
      try {
        const { origin, event } = JSON.parse(payload) as { origin: string; event: RealtimeEvent };
        if (origin !== this.nodeId) this.local.publish(event);
      } catch (error) {
        log.warn({ err: error }, 'dropped a malformed realtime event from redis');
      }
    });
    for (const client of [this.publisher, this.subscriber])
      client.on('error', (error) => log.warn({ err: error }, 'redis error'));
  }

  /** Resolves once the subscription is live, so nothing published after start-up is missed. */
  async ready(): Promise<void> {
    await this.subscriber.subscribe(CHANNEL);
  }

  publish(event: RealtimeEvent): void {
    this.local.publish(event);
    void this.publisher.publish(CHANNEL, JSON.stringify({ origin: this.nodeId, event })).catch(() => undefined);
  }

  subscribe(listener: (event: RealtimeEvent) => void): () => void {
    return this.local.subscribe(listener);
  }

  async close(): Promise<void> {
    await this.local.close();
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }
}
