import type { AppContext } from '../context.js';
import { startPeriodic } from './periodic.js';
import { unattachedUploadSweeper } from './unattachedUploadSweeper.js';

/** How often each node runs the clean-up jobs. */
export const MAINTENANCE_INTERVAL_MS = 15 * 60 * 1000;

/** Runs the clean-up jobs on every node, every `intervalMs`. Returns a function that stops it. */
export function startMaintenance(ctx: AppContext, intervalMs = MAINTENANCE_INTERVAL_MS): () => void {
  return startPeriodic(ctx, intervalMs, 'maintenance run failed; it runs again later', async () => {
    const uploads = await unattachedUploadSweeper(ctx);
    if (uploads > 0) ctx.log.info({ uploads }, 'deleted unattached uploads');
  });
}
