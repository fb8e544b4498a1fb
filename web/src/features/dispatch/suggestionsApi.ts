import type {
  ScoreBreakdownView,
  SuggestionListView,
  SuggestionNeedInput,
  TeamCandidateView,
  VolunteerCandidateView,
} from '@yiqi/shared/contracts/suggestions';
import { api } from '../../lib/api.ts';

export type {
  ScoreBreakdownView,
  SuggestionListView,
  SuggestionNeedInput,
  TeamCandidateView,
  VolunteerCandidateView,
};

/** The query key of a need's suggestions: the need itself, so a changed need asks again. */
export const suggestionsKey = (need: SuggestionNeedInput) => ['dispatch-suggestions', need] as const;

/** Ranked teams and volunteers for a need (POST: a need is a document; nothing changes). */
export const getSuggestions = (need: SuggestionNeedInput, signal?: AbortSignal) =>
  api<SuggestionListView>('/api/dispatch/suggestions', { method: 'POST', body: need, signal });
