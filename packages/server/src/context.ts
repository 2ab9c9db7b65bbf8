import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Db } from './db/database.js';
import type { EventBus } from './realtime/events.js';

/** A clock the tests can move: lock-outs, sessions and (later) SLAs all read time through it. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** What every command and route gets: configuration, the database, the clock and the logger. */
export interface AppContext {
  config: Config;
  db: Db;
  clock: Clock;
  log: Logger;
  /** Realtime fan-out: in-process, or over Redis pub/sub between nodes. */
  bus: EventBus;
}
