import type { z } from 'zod';
import type {
  DocumentUploadView,
  ProfilePatch,
  RegisterBody,
  RegisteredView,
  VolunteerView,
} from '@yiqi/shared/contracts/volunteers';
import { api, isApiError } from '../../lib/api.ts';
import { downloadFile } from '../../lib/files.ts';

export type { VolunteerView };
export type RegisterInput = z.input<typeof RegisterBody>;
export type GuardianInput = NonNullable<RegisterInput['guardian']>;
export type ProfilePatchInput = z.input<typeof ProfilePatch>;
/** 未核验的自述资质: typed on the profile before qualifications became records (read-only). */
export type DeclaredQualification = VolunteerView['declaredQualifications'][number];
export type Slot = VolunteerView['availability'][number];

export const MY_VOLUNTEER_KEY = ['me', 'volunteer'] as const;

/** Without `phoneCode` the server texts a code (202 { codeSent }); with it, registers and signs in. */
export const registerVolunteer = (body: RegisterInput) =>
  api<z.infer<typeof RegisteredView> | { codeSent: true }>('/api/volunteers/register', {
    method: 'POST',
    body,
  });

/** The signed-in user's volunteer record, or null when the account has none. */
export async function fetchMyVolunteer(signal?: AbortSignal): Promise<VolunteerView | null> {
  try {
    return await api<VolunteerView>('/api/me/volunteer', { signal });
  } catch (e) {
    if (isApiError(e, 'VOLUNTEER_REQUIRED')) return null;
    throw e;
  }
}

export const updateMyVolunteer = (patch: ProfilePatchInput) =>
  api<VolunteerView>('/api/me/volunteer', { method: 'PATCH', body: patch });

/** Removes the self-declared qualifications (they can no longer be edited, only removed). */
export const clearDeclaredQualifications = () =>
  api<VolunteerView>('/api/me/volunteer/declared-qualifications', { method: 'DELETE' });

export const uploadDocument = (mimeType: string, contentBase64: string) =>
  api<z.infer<typeof DocumentUploadView>>('/api/me/volunteer/documents', {
    method: 'POST',
    body: { mimeType, contentBase64 },
  });

export const verifyOnline = () => api<VolunteerView>('/api/me/volunteer/verify', { method: 'POST' });

export const exportMyData = (format: 'json' | 'xlsx') =>
  downloadFile('/api/me/volunteer/export', `yiqi-my-data.${format}`, { format });

export const closeAccount = (password: string) =>
  api<{ ok: true }>('/api/me/volunteer/close', { method: 'POST', body: { password } });
