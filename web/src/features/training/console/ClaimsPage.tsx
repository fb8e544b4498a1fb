import { App, Button, Flex, Table } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMessages } from '../../../lib/i18n.tsx';
import { PageTitle } from '../../common/PageTitle.tsx';
import { ErrorResult } from '../../shell/ErrorResult.tsx';
import { claimPhotoUrl, claimQueue, reviewClaim, TRAINING_KEY, type ClaimQueue } from '../api.ts';
import { trainingMessages } from '../messages.ts';
import { useQualificationTypes } from '../useTypes.ts';

type Claim = ClaimQueue['items'][number];

/** /training/claims (console) — certificates waiting for review in my regions. */
export default function ClaimsPage() {
  const t = useMessages(trainingMessages);
  const { nameOf } = useQualificationTypes();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: [...TRAINING_KEY, 'claims'], queryFn: claimQueue });
  const review = useMutation({
    mutationFn: (v: { id: string; approve: boolean }) => reviewClaim(v.id, v.approve, ''),
    onSuccess: () => {
      void message.success(t.reviewed);
      void qc.invalidateQueries({ queryKey: TRAINING_KEY });
    },
    onError: (e) => void message.error(e.message),
  });
  return (
    <Flex vertical gap={16}>
      <PageTitle title={t.claimsTitle} />
      {list.isError ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Claim>
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t.claimsEmpty }}
          scroll={{ x: 900 }}
          pagination={false}
          columns={[
            { title: t.name, dataIndex: 'name', width: 110 },
            { title: t.type, dataIndex: 'code', width: 110, render: (c: string) => nameOf(c) },
            { title: t.issuer, dataIndex: 'issuer' },
            { title: t.certificateNo, dataIndex: 'certificateNo', width: 150 },
            { title: t.issuedOn, dataIndex: 'issuedOn', width: 110 },
            {
              title: t.expiresOn,
              dataIndex: 'expiresOn',
              width: 130,
              render: (d: string | null) => d ?? '—',
            },
            {
              title: '',
              width: 240,
              render: (_, c) => (
                <Flex gap={4}>
                  <Button type="link" href={claimPhotoUrl(c.id)} target="_blank" rel="noreferrer">
                    {t.viewPhoto}
                  </Button>
                  <Button type="link" onClick={() => review.mutate({ id: c.id, approve: true })}>
                    {t.approve}
                  </Button>
                  <Button type="link" danger onClick={() => review.mutate({ id: c.id, approve: false })}>
                    {t.reject}
                  </Button>
                </Flex>
              ),
            },
          ]}
        />
      )}
    </Flex>
  );
}
