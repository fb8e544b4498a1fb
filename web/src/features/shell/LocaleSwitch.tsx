import { Button, Dropdown } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { LOCALES, type Locale } from '@yiqi/shared/i18n';
import { LOCALE_LABELS, useLocale, useMessages } from '../../lib/i18n.tsx';
import { ME_KEY } from '../../lib/query.ts';
import { saveLocale, type MeView } from '../auth/api.ts';
import { shellMessages } from './messages.ts';

/** Language dropdown: the cookie keeps the choice on this device, the account keeps it when signed in. */
export function LocaleSwitch({ compact = false }: { compact?: boolean }) {
  const { locale, setLocale } = useLocale();
  const t = useMessages(shellMessages);
  const qc = useQueryClient();

  const choose = (next: Locale) => {
    if (next === locale) return;
    setLocale(next);
    const me = qc.getQueryData<MeView | null>(ME_KEY);
    if (me) {
      qc.setQueryData<MeView>(ME_KEY, { ...me, locale: next });
      saveLocale(next).catch(() => undefined);
    }
  };

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [locale],
        items: LOCALES.map((l) => ({ key: l, label: <span lang={l}>{LOCALE_LABELS[l]}</span> })),
        onClick: ({ key }) => choose(key as Locale),
      }}
    >
      <Button
        type="text"
        icon={<GlobalOutlined aria-hidden />}
        aria-label={t.language}
        data-testid="locale-switch"
      >
        {compact ? null : LOCALE_LABELS[locale]}
      </Button>
    </Dropdown>
  );
}
