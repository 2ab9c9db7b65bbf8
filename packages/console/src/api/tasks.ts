import type { CompleteTaskBody, TaskStatus, TicketTaskDetailView, TicketTaskView, UpdateTaskBody } from '@kefu/shared';
import { apiRequest } from './client';

export const tasksKey = ['tasks'] as const;
export const taskListKey = (scope: TaskScope, status: TaskStatus | undefined) =>
  [...tasksKey, 'list', scope, status ?? 'any'] as const;
export const taskKey = (id: string) => [...tasksKey, 'one', id] as const;

/** `mine`: owned by me; `team`: unowned tasks of my teams. */
export type TaskScope = 'mine' | 'team';

const path = (id: string, rest = '') => `/api/tasks/${encodeURIComponent(id)}${rest}`;

export function listTasks(
  query: { scope: TaskScope; status?: TaskStatus; cursor?: string },
  signal?: AbortSignal,
): Promise<{ items: TicketTaskView[]; nextCursor: string | null }> {
  return apiRequest('/api/tasks', { query: { ...query, limit: 50 }, signal });
}

export function getTask(id: string, signal?: AbortSignal): Promise<TicketTaskDetailView> {
  return apiRequest(path(id), { signal });
}

export function updateTask(id: string, body: UpdateTaskBody): Promise<TicketTaskDetailView> {
  return apiRequest(path(id), { method: 'PATCH', body });
}

export function completeTask(id: string, body: CompleteTaskBody): Promise<TicketTaskDetailView> {
  return apiRequest(path(id, '/complete'), { method: 'POST', body });
}

export function replyToTask(id: string, body: string, attachmentIds: string[] = []): Promise<TicketTaskDetailView> {
  return apiRequest(path(id, '/replies'), { method: 'POST', body: { body, attachmentIds } });
}
