import type { ReactNode } from 'react';
import { Tooltip } from 'antd';
import { errorMessage, type ErrorCode } from '@yiqi/shared/errors';
import { useLocale } from '../../lib/i18n.tsx';
import { useMyVolunteer } from '../volunteers/useMyVolunteer.ts';

/**
 * Whether a row is about the signed-in user's own volunteer record (by public number). Nobody decides
 * about themselves: the server refuses it and the parent organization's or the region admins decide.
 */
export function useIsMine(): (volunteerNo: string | null | undefined) => boolean {
  const mine = useMyVolunteer().data?.volunteerNo;
  return (no) => mine !== undefined && no === mine;
}

/** Around a row's (disabled) decision buttons when the row is the user's own: the reason on hover. */
export function SelfDecisionHint({
  mine,
  code,
  children,
}: {
  mine: boolean;
  code: ErrorCode;
  children: ReactNode;
}) {
  const { locale } = useLocale();
  if (!mine) return children;
  return (
    <Tooltip title={errorMessage(code, locale)}>
      <span data-testid="self-decision">{children}</span>
    </Tooltip>
  );
}
