import { useQuery } from '@tanstack/react-query';
import { useLocale } from '../../lib/i18n.tsx';
import { qualificationTypes, TRAINING_KEY } from './api.ts';

/** The qualification catalogue and a code's name in the current language. */
export function useQualificationTypes() {
  const { locale } = useLocale();
  const q = useQuery({
    queryKey: [...TRAINING_KEY, 'types'],
    queryFn: qualificationTypes,
    staleTime: 600_000,
  });
  const items = q.data?.items ?? [];
  const nameOf = (code: string | null) =>
    code ? (items.find((t) => t.code === code)?.names[locale] ?? code) : '';
  return { items, nameOf, locale };
}
