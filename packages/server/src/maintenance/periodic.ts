import type { AppContext } from '../context.js';

/**
 * Runs `job` every `intervalMs` on this node, for the background sweeps. The timer does not keep the process
 * alive; a run still going when the next is due makes that one skip; a failed run is logged as `failure` and
 * the job runs again at the next tick. Returns a function that stops it.
 */
export function startPeriodic(
  ctx: AppContext,
  intervalMs: number,
  failure: string,
  job: () => Promise<unknown>,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    job()
      .catch((error: unknown) => ctx.log.warn({ err: error }, failure))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
