import type { AppContext } from '../context.js';
import { unattachedUploadSweeper } from './unattachedUploadSweeper.js';

/** How often each node runs the clean-up jobs. */
export const MAINTENANCE_INTERVAL_MS = 15 * 60 * 1000;

/**
 * Runs the clean-up jobs on every node, every `intervalMs`. The timer does not keep the process alive, and a
 * run that is still going when the next is due makes that one skip. Returns a function that stops it.
 */
export function startMaintenance(ctx: AppContext, intervalMs = MAINTENANCE_INTERVAL_MS): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const uploads = await unattachedUploadSweeper(ctx);
      if (uploads > 0) ctx.log.info({ uploads }, 'deleted unattached uploads');
    } catch (error) {
      ctx.log.warn({ err: error }, 'maintenance run failed; it runs again later');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
