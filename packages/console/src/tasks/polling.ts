/** Department users have no live socket: task pages ask for changes this often. */
export const TASK_POLL_MS = 20_000;
