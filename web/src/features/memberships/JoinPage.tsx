import { Alert, Button, Card, Descriptions, Flex, Result, Typography } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useMessages } from '../../lib/i18n.tsx';
import { Loading } from '../shell/Loading.tsx';
import { NoRecord } from '../volunteers/NoRecord.tsx';
import { useMyVolunteer } from '../volunteers/useMyVolunteer.ts';
import { getOrgSummary, joinOrganization, MY_MEMBERSHIPS_KEY } from './api.ts';
import { teamMessages } from './messages.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * /m/join/:orgId?name=… — apply to a team from its join link. The name shown is the platform's record of
 * the approved organization; the name in the link is only a fallback while it loads or if it cannot.
 */
export default function JoinPage() {
  const t = useMessages(teamMessages);
  const { orgId = '' } = useParams();
  const [params] = useSearchParams();
  const linkName = params.get('name')?.trim().slice(0, 100) || null;
  const navigate = useNavigate();
  const qc = useQueryClient();
  const me = useMyVolunteer();
  const summary = useQuery({
    queryKey: ['org-summary', orgId],
    queryFn: ({ signal }) => getOrgSummary(orgId, signal),
    enabled: UUID.test(orgId),
    retry: false,
  });
  const shownName = summary.data ? `${summary.data.name} · ${summary.data.regionName}` : linkName;
  const join = useMutation({
    mutationFn: () => joinOrganization(orgId),
    onSuccess: () => void qc.invalidateQueries({ queryKey: MY_MEMBERSHIPS_KEY }),
  });

  if (!UUID.test(orgId)) return <Result status="warning" title={t.joinInvalid} />;
  if (me.isPending) return <Loading />;
  if (me.data === null) return <NoRecord />;
  if (join.isSuccess)
    return (
      <Result
        status="success"
        title={t.appliedOk}
        subTitle={linkName ?? undefined}
        extra={
          <Button type="primary" onClick={() => navigate('/m/teams')} data-testid="view-teams">
            {t.viewTeams}
          </Button>
        }
      />
    );

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: '4px 0' }}>
        <TeamOutlined aria-hidden /> {t.joinTitle}
      </Typography.Title>
      <Card>
        <Descriptions
          column={1}
          layout="vertical"
          size="small"
          items={[
            {
              key: 'name',
              label: summary.data ? t.orgName : t.linkName,
              children: (
                <Flex vertical>
                  <Typography.Text strong data-testid="join-org-name">
                    {shownName ?? t.unknownName}
                  </Typography.Text>
                  {!summary.data && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {summary.isError ? summary.error.message : t.linkNameNote}
                    </Typography.Text>
                  )}
                </Flex>
              ),
            },
            {
              key: 'id',
              label: t.orgId,
              children: (
                <Typography.Text code style={{ wordBreak: 'break-all' }}>
                  {orgId}
                </Typography.Text>
              ),
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t.joinIntro}
        </Typography.Paragraph>
        {join.isError && (
          <Alert type="error" showIcon title={join.error.message} role="alert" style={{ marginBottom: 12 }} />
        )}
        <Button
          type="primary"
          size="large"
          block
          loading={join.isPending}
          onClick={() => join.mutate()}
          data-testid="apply-join"
        >
          {t.apply}
        </Button>
      </Card>
    </Flex>
  );
}
