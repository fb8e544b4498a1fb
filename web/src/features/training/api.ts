import type { z } from 'zod';
import type {
  AttemptResult as AttemptSchema,
  ClaimBody,
  ClaimQueue as QueueSchema,
  CompletionList as CompletionListSchema,
  CompletionsResult as CompletionsResultSchema,
  CourseBody,
  CourseDetail as DetailSchema,
  CourseManage as ManageSchema,
  CourseSummary as SummarySchema,
  Coverage as CoverageSchema,
  MyTraining as MySchema,
  QualificationType,
} from '@yiqi/shared/contracts/training';
import { api, type Page } from '../../lib/api.ts';

export type CourseSummary = z.infer<typeof SummarySchema>;
export type CourseDetail = z.infer<typeof DetailSchema>;
export type CourseManage = z.infer<typeof ManageSchema>;
export type CourseInput = z.input<typeof CourseBody>;
export type AttemptResult = z.infer<typeof AttemptSchema>;
export type MyTraining = z.infer<typeof MySchema>;
export type ClaimInput = z.input<typeof ClaimBody>;
export type ClaimQueue = z.infer<typeof QueueSchema>;
export type CompletionList = z.infer<typeof CompletionListSchema>;
export type CompletionsResult = z.infer<typeof CompletionsResultSchema>;
export type Coverage = z.infer<typeof CoverageSchema>;
export type { QualificationType };

export const TRAINING_KEY = ['training'];

export const qualificationTypes = () =>
  api<{ items: QualificationType[] }>('/api/training/qualification-types');
export const courses = () => api<Page<CourseSummary>>('/api/training/courses', { query: { pageSize: 50 } });
export const course = (id: string) => api<CourseDetail>(`/api/training/courses/${id}`);
export const attempt = (id: string, answers: number[]) =>
  api<AttemptResult>(`/api/training/courses/${id}/attempts`, { method: 'POST', body: { answers } });
export const myTraining = () => api<MyTraining>('/api/me/training');
export const claim = (body: ClaimInput) =>
  api<{ id: string }>('/api/me/training/claims', { method: 'POST', body });

export const managedCourses = () => api<Page<CourseSummary>>('/api/training/manage/courses');
export const managedCourse = (id: string) => api<CourseManage>(`/api/training/manage/courses/${id}`);
export const saveCourse = (id: string | null, body: CourseInput) =>
  id
    ? api<{ id: string }>(`/api/training/manage/courses/${id}`, { method: 'PUT', body })
    : api<{ id: string }>('/api/training/manage/courses', { method: 'POST', body });
export const completions = (id: string) =>
  api<CompletionList>(`/api/training/manage/courses/${id}/completions`);
export const markCompletions = (id: string) =>
  api<CompletionsResult>(`/api/training/manage/courses/${id}/completions`, { method: 'POST', body: {} });
export const claimQueue = () => api<ClaimQueue>('/api/training/claims');
export const claimPhotoUrl = (id: string) => `/api/training/claims/${id}/photo`;
export const reviewClaim = (id: string, approve: boolean, note: string) =>
  api<{ ok: true }>(`/api/training/claims/${id}/review`, { method: 'POST', body: { approve, note } });
export const coverage = (q: { region?: string; orgId?: string }) =>
  api<Coverage>('/api/training/coverage', { query: q });
