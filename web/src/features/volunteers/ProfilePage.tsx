import { Button, Card, Descriptions, Flex, Space, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { DOCUMENT_NAMES } from '@yiqi/shared/identity/documents';
import { fmt, useMessages, useText } from '../../lib/i18n.tsx';
import { CategoryTags } from '../common/CategoryTags.tsx';
import { commonMessages } from '../common/messages.ts';
import { RegionName } from '../regions/useRegionPath.tsx';
import { MyHoursCard } from '../records/MyHoursCard.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { Loading } from '../shell/Loading.tsx';
import { formatSlots } from './format.ts';
import { LANGUAGE_NAMES } from './languages.ts';
import { volunteerMessages } from './messages.ts';
import { NoRecord } from './NoRecord.tsx';
import { ProfileHeader } from './ProfileHeader.tsx';
import { QualificationsCard } from './QualificationsCard.tsx';
import { SignUpStatus } from './SignUpStatus.tsx';
import { useMyVolunteer } from './useMyVolunteer.ts';

const LABEL = { width: 96, color: 'rgba(0,0,0,0.55)' };

/** /m/profile — the volunteer's own record (masked), whether they may sign up, and what they offer. */
export default function ProfilePage() {
  const t = useMessages(volunteerMessages);
  const c = useMessages(commonMessages);
  const text = useText();
  const navigate = useNavigate();
  const q = useMyVolunteer();
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const v = q.data;
  if (!v) return <NoRecord />;
  const none = <Typography.Text type="secondary">{c.none}</Typography.Text>;
  const list = (xs: string[]) => (xs.length ? xs.join('、') : none);

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: '4px 0' }}>
        {t.profileTitle}
      </Typography.Title>
      <ProfileHeader v={v} />
      <SignUpStatus v={v} />
      <MyHoursCard />
      <Card title={t.basics} size="small">
        <Descriptions
          column={1}
          size="small"
          styles={{ label: LABEL }}
          items={[
            {
              key: 'doc',
              label: t.document,
              children: v.docType ? (
                <span>
                  {text(DOCUMENT_NAMES[v.docType])}
                  <br />
                  <Typography.Text code>{v.docNumberMasked}</Typography.Text>
                </span>
              ) : (
                none
              ),
            },
            { key: 'phone', label: t.phone, children: v.phoneMasked ?? none },
            {
              key: 'birth',
              label: t.age,
              children: v.birthDate ? `${fmt(t.ageValue, { n: v.age ?? 0 })} · ${v.birthDate}` : none,
            },
            { key: 'region', label: t.residence, children: <RegionName code={v.regionCode} /> },
            {
              key: 'contact',
              label: t.emergencyContact,
              children: v.emergencyContact
                ? `${v.emergencyContact.name} · ${v.emergencyContact.phoneMasked}`
                : none,
            },
            ...(v.guardian
              ? [
                  {
                    key: 'guardian',
                    label: t.guardian,
                    children: `${v.guardian.name}（${v.guardian.relation}）${v.guardian.phoneMasked ? ' · ' + v.guardian.phoneMasked : ''}`,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card
        title={t.service}
        size="small"
        extra={
          <Button
            type="link"
            icon={<EditOutlined aria-hidden />}
            onClick={() => navigate('/m/profile/edit')}
            data-testid="edit-profile"
          >
            {t.editProfile}
          </Button>
        }
      >
        <Descriptions
          column={1}
          size="small"
          styles={{ label: LABEL }}
          items={[
            { key: 'cat', label: c.categories, children: <CategoryTags codes={v.categories} /> },
            { key: 'skills', label: t.skills, children: list(v.skills) },
            {
              key: 'regions',
              label: t.serviceRegions,
              children: v.serviceRegions.length ? (
                <Flex wrap gap={4}>
                  {v.serviceRegions.map((r) => (
                    <Tag key={r} style={{ marginInlineEnd: 0 }}>
                      <RegionName code={r} />
                    </Tag>
                  ))}
                </Flex>
              ) : (
                none
              ),
            },
            {
              key: 'slots',
              label: t.availability,
              children: v.availability.length ? (
                <Space orientation="vertical" size={0}>
                  {formatSlots(v.availability, t.weekdays).map((s) => (
                    <span key={s}>{s}</span>
                  ))}
                </Space>
              ) : (
                none
              ),
            },
            {
              key: 'langs',
              label: t.languages,
              children: list(v.languages.map((l) => (LANGUAGE_NAMES[l] ? text(LANGUAGE_NAMES[l]) : l))),
            },
          ]}
        />
      </Card>
      <QualificationsCard v={v} />
    </Flex>
  );
}
