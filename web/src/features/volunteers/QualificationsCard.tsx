import { App, Button, Card, Empty, Flex, List, Popconfirm, Skeleton, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { formatDay } from '../../lib/format.ts';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { myTraining, TRAINING_KEY } from '../training/api.ts';
import { trainingMessages } from '../training/messages.ts';
import { useQualificationTypes } from '../training/useTypes.ts';
import { clearDeclaredQualifications, MY_VOLUNTEER_KEY, type VolunteerView } from './api.ts';
import { volunteerMessages } from './messages.ts';

const STATE_COLOR = { valid: 'green', expiring: 'orange', expired: 'default', revoked: 'red' } as const;
/** Where a qualification is added with evidence: the certificate claim on my training page. */
export const CLAIM_PATH = '/m/training/mine#claim';

/**
 * The profile's qualifications: the records with evidence (type, state, expiry) and the way to add one (a
 * certificate claim), then — only if there are any — what the volunteer once typed on the profile, shown
 * read-only as 未核验的自述资质, removable (docs/decisions/0069).
 */
export function QualificationsCard({ v }: { v: VolunteerView }) {
  const t = useMessages(volunteerMessages);
  const tt = useMessages(trainingMessages);
  const { nameOf } = useQualificationTypes();
  const q = useQuery({ queryKey: [...TRAINING_KEY, 'mine'], queryFn: myTraining });
  return (
    <Card
      size="small"
      title={t.qualifications}
      data-testid="profile-qualifications"
      extra={
        <Link to={CLAIM_PATH} data-testid="add-qualification">
          <PlusOutlined aria-hidden /> {t.addQualification}
        </Link>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t.qualificationsHint}
      </Typography.Paragraph>
      {q.isError ? (
        <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : q.data.qualifications.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noQualificationRecords} />
      ) : (
        <List
          size="small"
          dataSource={q.data.qualifications}
          renderItem={(x) => (
            <List.Item data-testid={`profile-qualification-${x.code}`}>
              <Flex justify="space-between" align="center" gap={8} style={{ width: '100%' }}>
                <Flex vertical>
                  <Typography.Text strong>{nameOf(x.code)}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {x.expiresAt ? fmt(tt.expires, { d: formatDay(x.expiresAt) }) : tt.noExpiry} ·{' '}
                    {tt[`evidence_${x.evidence}`]}
                  </Typography.Text>
                </Flex>
                <Tag color={STATE_COLOR[x.state]} style={{ marginInlineEnd: 0 }}>
                  {tt[`state_${x.state}`]}
                </Tag>
              </Flex>
            </List.Item>
          )}
        />
      )}
      {v.declaredQualifications.length > 0 && <Declared v={v} />}
    </Card>
  );
}

function Declared({ v }: { v: VolunteerView }) {
  const t = useMessages(volunteerMessages);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const remove = useMutation({
    mutationFn: clearDeclaredQualifications,
    onSuccess: (next) => {
      qc.setQueryData(MY_VOLUNTEER_KEY, next);
      void message.success(t.removedDeclared);
    },
    onError: (e) => void message.error(e.message),
  });
  return (
    <Flex vertical gap={4} style={{ marginTop: 12 }} data-testid="declared-qualifications">
      <Typography.Text strong>{t.declaredTitle}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t.declaredHint}
      </Typography.Text>
      {v.declaredQualifications.map((q, i) => (
        <Typography.Text key={i} type="secondary">
          {q.name} · {q.issuer}
          {q.number ? ` · ${q.number}` : ''}
          {q.validUntil ? ` · ${fmt(t.validUntil, { date: q.validUntil })}` : ''}
        </Typography.Text>
      ))}
      <Flex gap={8} wrap>
        <Link to={CLAIM_PATH}>{t.addQualification}</Link>
        <Popconfirm title={t.removeDeclaredConfirm} onConfirm={() => remove.mutate()}>
          <Button size="small" danger type="link" loading={remove.isPending} style={{ padding: 0 }}>
            {t.removeDeclared}
          </Button>
        </Popconfirm>
      </Flex>
    </Flex>
  );
}
