import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Typography } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { PagedCards } from '../common/PagedCards.tsx';
import { CIVIC_KEY, myPhotoUrl, myPoints, myReports, rateMyReport, type CivicCase } from './api.ts';
import { CaseFacts } from './CaseFacts.tsx';
import { civicMessages } from './messages.ts';
import { RatingForm } from './RatingForm.tsx';

const PAGE_SIZE = 10;

/** /m/civic — my reports with their status, the check of handled ones, and my points. */
export default function MyReportsPage() {
  const t = useMessages(civicMessages);
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: [...CIVIC_KEY, 'mine', page],
    queryFn: ({ signal }) => myReports(page, PAGE_SIZE, signal),
    placeholderData: keepPreviousData,
  });
  const points = useQuery({ queryKey: [...CIVIC_KEY, 'points'], queryFn: myPoints });
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: '4px 0' }}>
          {t.mineTitle}
        </Typography.Title>
        <Button
          type="primary"
          icon={<CameraOutlined aria-hidden />}
          onClick={() => navigate('/m/civic/report')}
          style={{ minHeight: 44 }}
        >
          {t.newReport}
        </Button>
      </Flex>
      {points.data && (
        <Typography.Text type="secondary">
          {fmt(t.points, { points: points.data.points, n: points.data.rectified })}
        </Typography.Text>
      )}
      <PagedCards
        query={list}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        card={(c) => <MyCase c={c} />}
        empty={<Empty description={t.empty} />}
      />
    </Flex>
  );
}

function MyCase({ c }: { c: CivicCase }) {
  const t = useMessages(civicMessages);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const rate = useMutation({
    mutationFn: (v: { rating: number; comment: string }) => rateMyReport(c.id, v.rating, v.comment),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: CIVIC_KEY });
      void message.success(r.status === 'rectified' ? t.status_rectified : t.reopened);
    },
    onError: (e) => void message.error(e.message),
  });
  return (
    <Card size="small">
      <CaseFacts c={c} photoUrl={myPhotoUrl} />
      {c.status === 'handled' && (
        <RatingForm
          title={t.rate}
          submitLabel={t.rateSubmit}
          loading={rate.isPending}
          onSubmit={(rating, comment) => rate.mutate({ rating, comment })}
        />
      )}
    </Card>
  );
}
