import { z } from 'zod';

/**
 * The console's to-do list (待办): what waits for the caller across their scopes (region subtrees for a
 * region admin, their organizations for an org admin), one entry per kind with its count and the first few
 * items. The web links each kind to the page that handles it.
 */
export const TODO_KINDS = [
  'overdueRecords',
  'organizationReviews',
  'verifications',
  'certificates',
  'recordDecisions',
  'importBatches',
  'membershipApplications',
  'signupDecisions',
] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

/** How many items of each kind the list carries besides the count. */
export const TODO_ITEMS = 3;

export const TodoItem = z.object({
  id: z.string(),
  /** What the item is about: an activity title, an organization or a volunteer's name. */
  title: z.string(),
  /** The organization concerned, when there is one. */
  organization: z.string().nullable(),
  /** The day it is about (due date, service day or request day), YYYY-MM-DD. */
  day: z.string().nullable(),
});

export const TodoEntry = z.object({
  kind: z.enum(TODO_KINDS),
  count: z.number().int(),
  items: z.array(TodoItem),
});

export const TodoList = z.object({
  /** Every kind the caller's roles handle, in TODO_KINDS order (counts may be 0). */
  entries: z.array(TodoEntry),
  total: z.number().int(),
});
export type TodoListView = z.infer<typeof TodoList>;
