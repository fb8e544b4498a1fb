import type { z } from 'zod';
import type {
  Coverage as CoverageSchema,
  Policy as PolicySchema,
  PolicyBody,
  PolicyPage,
} from '@yiqi/shared/contracts/insurance';
import { api } from '../../lib/api.ts';

export type Policy = z.infer<typeof PolicySchema>;
export type Coverage = z.infer<typeof CoverageSchema>;

export const keys = {
  policies: ['insurance-policies'] as const,
  mine: ['insurance-mine'] as const,
};

export const policies = (signal?: AbortSignal) =>
  api<z.infer<typeof PolicyPage>>('/api/insurance/policies', {
    query: { pageSize: 200, includeWithdrawn: 'true' },
    signal,
  });
export const createPolicy = (body: z.input<typeof PolicyBody>) =>
  api<{ id: string }>('/api/insurance/policies', { method: 'POST', body });
export const withdrawPolicy = (id: string, reason: string) =>
  api<{ id: string }>(`/api/insurance/policies/${id}/withdraw`, { method: 'POST', body: { reason } });

/** The volunteer named by number (the lookup is by id; the number is what a claim form carries). */
export async function findVolunteerId(volunteerNo: string): Promise<string | null> {
  const page = await api<{ items: { id: string; volunteerNo: string }[] }>('/api/volunteers/search', {
    method: 'POST',
    body: { q: volunteerNo, page: 1, pageSize: 5 },
  });
  return page.items.find((v) => v.volunteerNo === volunteerNo)?.id ?? null;
}
export const coverage = (volunteerId: string, at: string) =>
  api<Coverage>(`/api/insurance/volunteers/${volunteerId}/coverage`, { query: { at } });
export const myCoverage = (signal?: AbortSignal) => api<Coverage>('/api/me/insurance', { signal });
