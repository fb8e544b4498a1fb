import { Typography } from 'antd';
import { ORG_CHANGE_FIELDS } from '@yiqi/shared/contracts/organizations';
import { useMessages } from '../../lib/i18n.tsx';
import type { OrgChangeView } from './api.ts';
import { changeMessages } from './change.messages.ts';

/** A change's facts, each as before → after (the values replaced, then the ones asked for). */
export function ChangeDiff({ change }: { change: OrgChangeView }) {
  const t = useMessages(changeMessages);
  const fields = ORG_CHANGE_FIELDS.filter((f) => f in change.changes);
  return (
    <dl style={{ margin: 0 }} data-testid="change-diff">
      {fields.map((f) => (
        <div key={f} style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          <dt style={{ minWidth: 96 }}>
            <Typography.Text type="secondary">{t[f]}</Typography.Text>
          </dt>
          <dd style={{ margin: 0 }}>
            <Typography.Text delete type="secondary" aria-label={`${t.before}：${change.previous[f] ?? '—'}`}>
              {change.previous[f] ?? '—'}
            </Typography.Text>
            {' → '}
            <Typography.Text strong aria-label={`${t.after}：${change.changes[f] ?? '—'}`}>
              {change.changes[f] ?? '—'}
            </Typography.Text>
          </dd>
        </div>
      ))}
    </dl>
  );
}
