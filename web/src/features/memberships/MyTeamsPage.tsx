import { Card, Flex, Segmented, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useMessages } from '../../lib/i18n.tsx';
import { EmptyWithHint, PagedCards } from '../common/PagedCards.tsx';
import { listMyMemberships, MY_MEMBERSHIPS_KEY, type MembershipStatus } from './api.ts';
import { JoinBox } from './JoinBox.tsx';
import { MembershipCard } from './MembershipCard.tsx';
import { teamMessages } from './messages.ts';
import { directoryMessages } from './directory.messages.ts';

const FILTERS = ['active', 'applied', 'invited'] as const;
const PAGE_SIZE = 10;

/** /m/teams — my memberships (history included), invitations to answer, and joining by link. */
export default function MyTeamsPage() {
  const t = useMessages(teamMessages);
  const d = useMessages(directoryMessages);
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status = (FILTERS as readonly string[]).includes(raw ?? '') ? (raw as MembershipStatus) : undefined;
  const page = Number(params.get('page')) || 1;
  const q = useQuery({
    queryKey: [...MY_MEMBERSHIPS_KEY, status, page],
    queryFn: ({ signal }) => listMyMemberships({ status, page, pageSize: PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
  });
  const go = (s: string | undefined, p = 1) => {
    const next = new URLSearchParams();
    if (s) next.set('status', s);
    if (p > 1) next.set('page', String(p));
    setParams(next);
  };

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: '4px 0' }}>
        {t.title}
      </Typography.Title>
      <Segmented
        block
        value={status ?? 'all'}
        onChange={(v) => go(v === 'all' ? undefined : String(v))}
        options={[{ value: 'all', label: t.all }, ...FILTERS.map((f) => ({ value: f, label: t[f] }))]}
      />
      <PagedCards
        query={q}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={(p) => go(status, p)}
        card={(m) => <MembershipCard m={m} />}
        empty={<EmptyWithHint text={t.empty} hint={t.emptyHint} />}
      />
      <Link to="/m/organizations" data-testid="find-teams">
        <Card size="small" hoverable>
          <Flex align="center" gap={12}>
            <SearchOutlined aria-hidden style={{ fontSize: 20, color: '#d4380d' }} />
            <Flex vertical>
              <Typography.Text strong>{d.findTeams}</Typography.Text>
              <Typography.Text type="secondary">{d.findTeamsHint}</Typography.Text>
            </Flex>
          </Flex>
        </Card>
      </Link>
      <JoinBox />
    </Flex>
  );
}
