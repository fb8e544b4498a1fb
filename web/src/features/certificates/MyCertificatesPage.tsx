import { Empty, Flex, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useMessages } from '../../lib/i18n.tsx';
import { PagedCards } from '../common/PagedCards.tsx';
import { keys, listMyCertificates } from './api.ts';
import { MyCertificateCard } from './MyCertificateCard.tsx';
import { myCertificateMessages } from './my.messages.ts';
import { RequestCard } from './RequestCard.tsx';

const PAGE_SIZE = 10;

/** /m/certificates — ask the recording organizations for certificates, follow them, download the PDF. */
export default function MyCertificatesPage() {
  const t = useMessages(myCertificateMessages);
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page')) || 1;
  const q = useQuery({
    queryKey: [...keys.mine, page],
    queryFn: ({ signal }) => listMyCertificates(page, PAGE_SIZE, signal),
    placeholderData: keepPreviousData,
  });

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: '4px 0' }}>
        {t.title}
      </Typography.Title>
      <Typography.Text type="secondary">{t.intro}</Typography.Text>
      <RequestCard />
      <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
        {t.listTitle}
      </Typography.Title>
      <PagedCards
        query={q}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={(p) => setParams(p > 1 ? new URLSearchParams({ page: String(p) }) : new URLSearchParams())}
        card={(c) => <MyCertificateCard c={c} />}
        empty={<Empty description={t.empty} />}
      />
    </Flex>
  );
}
