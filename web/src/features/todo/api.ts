import type { TodoListView } from '@yiqi/shared/contracts/todo';
import { api } from '../../lib/api.ts';

export type { TodoListView };
export type TodoEntryView = TodoListView['entries'][number];

export const TODO_KEY = ['console-todo'] as const;

/** What waits for the signed-in staff member across their scopes. */
export const getTodo = (signal?: AbortSignal) => api<TodoListView>('/api/console/todo', { signal });
