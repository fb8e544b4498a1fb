import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Progress, Skeleton, Statistic, Tag, Typography } from 'antd';
import { GiftOutlined, ShoppingOutlined, UserAddOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { RELATION_NAMES } from '@yiqi/shared/timebank-names';
import { fmt, useMessages, useText } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { getMine, keys, type MyTimebank } from './api.ts';
import { BookingsCard } from './BookingsCard.tsx';
import { BookModal, FamilyModal, GiveModal } from './MyModals.tsx';
import { myTimebankMessages } from './messages.ts';
import { StatementCard } from './StatementCard.tsx';

type Own = MyTimebank['accounts'][number];

/** /m/timebank — balance and threshold, family, giving and donating, booking services, the statement. */
export default function MyTimebankPage() {
  const t = useMessages(myTimebankMessages);
  const q = useQuery({ queryKey: keys.mine, queryFn: ({ signal }) => getMine(signal) });
  const [modal, setModal] = useState<{ kind: 'give' | 'book' | 'family'; account: Own } | null>(null);

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: '4px 0' }}>
        {t.title}
      </Typography.Title>
      <Typography.Text type="secondary">{t.intro}</Typography.Text>
      {q.isError ? (
        <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <Skeleton active />
      ) : q.data.accounts.length === 0 ? (
        <Empty description={t.empty}>
          <Typography.Text type="secondary">{t.emptyHint}</Typography.Text>
        </Empty>
      ) : (
        q.data.accounts.map((a) => (
          <AccountCard key={a.id} a={a} data={q.data} onAction={(kind) => setModal({ kind, account: a })} />
        ))
      )}
      {q.data && q.data.accounts.length > 0 && <BookingsCard />}
      {q.data && q.data.accounts.length > 0 && (
        <StatementCard accounts={[...q.data.accounts, ...q.data.family]} />
      )}
      {modal?.kind === 'give' && (
        <GiveModal account={modal.account} family={q.data!.family} onClose={() => setModal(null)} />
      )}
      {modal?.kind === 'book' && (
        <BookModal account={modal.account} family={q.data!.family} onClose={() => setModal(null)} />
      )}
      {modal?.kind === 'family' && <FamilyModal account={modal.account} onClose={() => setModal(null)} />}
    </Flex>
  );
}

function AccountCard({
  a,
  data,
  onAction,
}: {
  a: Own;
  data: MyTimebank;
  onAction: (k: 'give' | 'book' | 'family') => void;
}) {
  const t = useMessages(myTimebankMessages);
  const text = useText();
  const { message } = App.useApp();
  const hours = (m: number) => Math.floor(m / 60);
  const family = data.family.filter((f) => f.schemeId === a.schemeId);
  const spend = (k: 'give' | 'book') => () =>
    a.canSpend || k === 'give'
      ? onAction(k)
      : void message.info(
          fmt(t.threshold, { h: hours(a.confirmedMinutes), t: hours(a.spendThresholdMinutes) }),
        );
  return (
    <Card size="small" title={a.schemeName}>
      <Flex vertical gap={12}>
        <Flex justify="space-between" align="end" wrap>
          <Statistic
            title={t.balance}
            value={a.balance}
            suffix={
              a.cap ? (
                <Typography.Text type="secondary" style={{ fontSize: 14 }}>
                  / {fmt(t.cap, { n: a.cap })}
                </Typography.Text>
              ) : undefined
            }
          />
          {a.canSpend && <Tag color="green">{t.canSpend}</Tag>}
        </Flex>
        {!a.canSpend && (
          <div>
            <Progress
              percent={Math.min(
                100,
                Math.floor((a.confirmedMinutes / Math.max(1, a.spendThresholdMinutes)) * 100),
              )}
              size="small"
            />
            <Typography.Text type="secondary">
              {fmt(t.threshold, { h: hours(a.confirmedMinutes), t: hours(a.spendThresholdMinutes) })}
            </Typography.Text>
          </div>
        )}
        {a.owed > 0 && <Typography.Text type="warning">{fmt(t.owed, { n: a.owed })}</Typography.Text>}
        <Flex gap={8} wrap>
          <Button size="large" type="primary" icon={<ShoppingOutlined aria-hidden />} onClick={spend('book')}>
            {t.book}
          </Button>
          <Button size="large" icon={<GiftOutlined aria-hidden />} onClick={spend('give')}>
            {t.give}
          </Button>
        </Flex>
        <div>
          <Flex justify="space-between" align="center">
            <Typography.Text strong>{t.family}</Typography.Text>
            <Button
              type="link"
              icon={<UserAddOutlined aria-hidden />}
              onClick={() => onAction('family')}
              style={{ minHeight: 44 }}
            >
              {t.addFamily}
            </Button>
          </Flex>
          {family.length === 0 ? (
            <Typography.Text type="secondary">{t.familyEmpty}</Typography.Text>
          ) : (
            <Flex vertical gap={4}>
              {family.map((f) => (
                <Flex key={f.id} justify="space-between">
                  <span>
                    {f.label} <Tag>{f.relation ? text(RELATION_NAMES[f.relation]) : ''}</Tag>
                  </span>
                  <span>{fmt(t.points, { n: f.balance })}</span>
                </Flex>
              ))}
            </Flex>
          )}
        </div>
      </Flex>
    </Card>
  );
}
