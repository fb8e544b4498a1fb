import { Button, Card, Empty, Flex, Typography } from 'antd';
import { ApartmentOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router';
import { useMessages } from '../../lib/i18n.tsx';
import { useCurrentUser } from '../auth/session.ts';
import { PageTitle } from '../common/PageTitle.tsx';
import { OrgPicker } from '../organizations/OrgPicker.tsx';
import { memberMessages } from './members.messages.ts';
import { MembersPanel } from './MembersPanel.tsx';

/** /members?org=… — choose a team, then handle its applications, invitations and roles. */
export default function MembersPage() {
  const t = useMessages(memberMessages);
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const mine = me.roles.filter((r) => r.role === 'org_admin' && r.scopeType === 'organization');
  const regional = me.roles.some((r) => r.role === 'region_admin');
  const org = params.get('org') ?? mine[0]?.scopeId;

  if (!org && !regional) return <Empty description={t.noOrgs} />;
  return (
    <Flex vertical gap={16}>
      <PageTitle title={t.title} />
      <Card>
        <Flex align="center" gap={8} wrap>
          <label htmlFor="member-org">
            <Typography.Text strong>{t.org}</Typography.Text>
          </label>
          <OrgPicker
            id="member-org"
            value={org}
            onChange={(id) => setParams(new URLSearchParams({ org: id }))}
            placeholder={regional ? t.searchOrg : t.chooseOrg}
          />
          {org && (
            <Button
              type="link"
              icon={<ApartmentOutlined aria-hidden />}
              onClick={() => navigate(`/organizations/${org}`)}
            >
              {t.openOrg}
            </Button>
          )}
        </Flex>
      </Card>
      {org ? (
        <Card>
          <MembersPanel key={org} orgId={org} />
        </Card>
      ) : (
        <Empty description={t.chooseOrg} />
      )}
    </Flex>
  );
}
