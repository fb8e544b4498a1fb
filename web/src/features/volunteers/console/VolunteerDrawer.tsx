import { Alert, Descriptions, Drawer, Flex, Grid, Skeleton, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { DOCUMENT_NAMES } from '@yiqi/shared/identity/documents';
import { formatTime } from '../../../lib/format.ts';
import { fmt, useMessages, useText } from '../../../lib/i18n.tsx';
import { CategoryTags } from '../../common/CategoryTags.tsx';
import { commonMessages } from '../../common/messages.ts';
import { RegionName } from '../../regions/useRegionPath.tsx';
import { ErrorResult } from '../../shell/ErrorResult.tsx';
import { volunteerMessages } from '../messages.ts';
import { VerificationTag } from '../VerificationTag.tsx';
import { getVolunteer } from './api.ts';
import { staffMessages } from './messages.ts';
import { RevealField } from './RevealField.tsx';
import { ServiceSection } from './ServiceSection.tsx';
import { StaffQualifications } from './StaffQualifications.tsx';

/** One volunteer (masked), with audited reveal of the full document or phone number, and their service. */
export function VolunteerDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const t = useMessages(staffMessages);
  const v = useMessages(volunteerMessages);
  const c = useMessages(commonMessages);
  const text = useText();
  const mobile = Grid.useBreakpoint().md === false;
  const q = useQuery({
    queryKey: ['volunteer', id],
    queryFn: ({ signal }) => getVolunteer(id!, signal),
    enabled: Boolean(id),
  });
  const x = q.data;
  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      title={x?.name ?? t.detailTitle}
      size={mobile ? '100%' : 560}
      destroyOnHidden
    >
      {q.isError ? (
        <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
      ) : !x ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={12}>
          {x.canSignUp ? (
            <Alert type="success" showIcon title={v.canSignUp} />
          ) : (
            <Alert
              type="warning"
              showIcon
              title={v.cannotSignUp}
              description={x.signUpBlockers.map((b) => v[b]).join('；')}
            />
          )}
          <Descriptions
            size="small"
            column={1}
            bordered
            styles={{ label: { width: 120 } }}
            items={[
              {
                key: 'no',
                label: v.volunteerNo,
                children: <Typography.Text copyable>{x.volunteerNo}</Typography.Text>,
              },
              {
                key: 'who',
                label: v.name,
                children: `${x.name}${x.gender ? ' · ' + v[x.gender] : ''}${x.age !== null ? ' · ' + fmt(v.ageValue, { n: x.age }) : ''}`,
              },
              {
                key: 'ver',
                label: v.verification,
                children: <VerificationTag status={x.verification.status} />,
              },
              {
                key: 'doc',
                label: x.docType ? text(DOCUMENT_NAMES[x.docType]) : t.document,
                children: (
                  <RevealField
                    volunteerId={x.id}
                    field="docNumber"
                    masked={x.docNumberMasked}
                    label={t.document}
                  />
                ),
              },
              {
                key: 'phone',
                label: t.phone,
                children: (
                  <RevealField volunteerId={x.id} field="phone" masked={x.phoneMasked} label={t.phone} />
                ),
              },
              { key: 'region', label: t.region, children: <RegionName code={x.regionCode} /> },
              ...(x.guardian
                ? [
                    {
                      key: 'g',
                      label: t.guardian,
                      children: `${x.guardian.name}（${x.guardian.relation}）${x.guardian.phoneMasked ?? ''}`,
                    },
                  ]
                : []),
              { key: 'cat', label: c.categories, children: <CategoryTags codes={x.categories} /> },
              {
                key: 'skills',
                label: v.skills,
                children: x.skills.length ? x.skills.map((s) => <Tag key={s}>{s}</Tag>) : c.none,
              },
              {
                key: 'quals',
                label: v.qualifications,
                children: <StaffQualifications id={x.id} />,
              },
              { key: 'acct', label: t.hasAccount, children: x.hasAccount ? t.accountYes : t.accountNo },
              { key: 'at', label: t.registeredAt, children: formatTime(x.createdAt) },
            ]}
          />
          <ServiceSection id={x.id} />
        </Flex>
      )}
    </Drawer>
  );
}
