import type { MeView } from '@yiqi/shared/contracts/auth';
import type { Locale } from '@yiqi/shared/i18n';
import { api, isApiError } from '../../lib/api.ts';
import { preloadedOr } from '../../lib/preload.ts';
import { forgetSignedIn } from '../../lib/session-hint.ts';

export type { MeView };
export type MyRole = MeView['roles'][number];

export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  qrDataUrl: string;
}

/** The signed-in user, or null when there is no valid session. */
export async function fetchMe(): Promise<MeView | null> {
  try {
    return await preloadedOr('/api/me', () => api<MeView>('/api/me'));
  } catch (e) {
    if (isApiError(e, 'UNAUTHENTICATED')) {
      forgetSignedIn();
      return null;
    }
    throw e;
  }
}

export const login = (username: string, password: string) =>
  api<MeView>('/api/auth/login', { method: 'POST', body: { username, password } });

export const logout = () => api<{ ok: true }>('/api/auth/logout', { method: 'POST' });

export const setupTotp = () => api<TotpSetup>('/api/auth/totp/setup', { method: 'POST' });

export const enableTotp = (code: string) =>
  api<{ ok: true }>('/api/auth/totp/enable', { method: 'POST', body: { code } });

export const verifyTotp = (code: string) =>
  api<{ ok: true }>('/api/auth/totp/verify', { method: 'POST', body: { code } });

export const changePassword = (currentPassword: string, newPassword: string) =>
  api<{ ok: true }>('/api/auth/password', { method: 'POST', body: { currentPassword, newPassword } });

export const saveLocale = (locale: Locale) =>
  api<{ ok: true }>('/api/me/locale', { method: 'PUT', body: { locale } });

/** Claim (首次登录): by document or by the phone on record. */
export interface ClaimIdentifier {
  docType?: string;
  docNumber?: string;
  phone?: string;
}

export const requestClaimCode = (id: ClaimIdentifier) =>
  api<{ codeSent: true }>('/api/auth/claim/request', { method: 'POST', body: id });

export const confirmClaim = (body: ClaimIdentifier & { code: string; username: string; password: string }) =>
  api<MeView>('/api/auth/claim/confirm', { method: 'POST', body });

export const requestResetCode = (identifier: string) =>
  api<{ codeSent: true }>('/api/auth/password-reset/request', { method: 'POST', body: { identifier } });

export const confirmReset = (identifier: string, code: string, newPassword: string) =>
  api<{ ok: true }>('/api/auth/password-reset/confirm', {
    method: 'POST',
    body: { identifier, code, newPassword },
  });
