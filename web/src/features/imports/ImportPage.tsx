import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Input, Segmented, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useMessages } from '../../lib/i18n.tsx';
import { useCurrentUser } from '../auth/session.ts';
import { PageTitle } from '../common/PageTitle.tsx';
import { OrgPicker } from '../organizations/OrgPicker.tsx';
import { downloadTemplate, type ImportKind } from './api.ts';
import { ImportHistory } from './ImportHistory.tsx';
import { ImportJobPanel } from './ImportJobPanel.tsx';
import { ImportUpload } from './ImportUpload.tsx';
import { hoursMessages } from './hours.messages.ts';
import { importMessages } from './messages.ts';

const KINDS: ImportKind[] = ['volunteers', 'members', 'records'];

/** /imports — Excel imports of volunteers or members into an organization: template, upload, progress. */
export default function ImportPage() {
  const t = useMessages(importMessages);
  const h = useMessages(hoursMessages);
  const [reason, setReason] = useState('');
  const me = useCurrentUser();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const mine = me.roles.filter((r) => r.role === 'org_admin' && r.scopeType === 'organization');
  const regional = me.roles.some((r) => r.role === 'region_admin');
  const org = params.get('org') ?? mine[0]?.scopeId;
  const kind: ImportKind = KINDS.find((k) => k === params.get('kind')) ?? 'volunteers';
  const reasonOk = reason.trim().length >= 2;
  const job = params.get('job');
  const [busy, setBusy] = useState(false);
  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch))
      if (v) next.set(k, v);
      else next.delete(k);
    setParams(next);
  };
  const template = async () => {
    setBusy(true);
    try {
      await downloadTemplate(kind);
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (!org && !regional) return <Empty description={t.noOrgs} />;
  return (
    <Flex vertical gap={16} style={{ maxWidth: 960 }}>
      <PageTitle title={t.title} />
      <Typography.Text type="secondary">{t.intro}</Typography.Text>
      <Card>
        <Flex vertical gap={12}>
          <Flex align="center" gap={8} wrap>
            <label htmlFor="import-org">
              <Typography.Text strong>{t.org}</Typography.Text>
            </label>
            <OrgPicker
              id="import-org"
              value={org}
              onChange={(id) => set({ org: id, job: null })}
              placeholder={t.chooseOrg}
            />
          </Flex>
          <Segmented<ImportKind>
            value={kind}
            onChange={(k) => set({ kind: k === 'volunteers' ? null : k, job: null })}
            options={KINDS.map((k) => ({ value: k, label: t[k] }))}
            style={{ alignSelf: 'flex-start' }}
          />
          <Typography.Text type="secondary">
            {{ volunteers: t.volunteersHint, members: t.membersHint, records: t.recordsHint }[kind]}
          </Typography.Text>
        </Flex>
      </Card>
      {org && job ? (
        <ImportJobPanel
          id={job}
          onAnother={() => {
            set({ job: null });
            void qc.invalidateQueries({ queryKey: ['imports', org] });
          }}
        />
      ) : org ? (
        <Flex gap={16} wrap>
          <Card title={`1. ${t.step1}`} style={{ flex: '1 1 260px' }}>
            <Typography.Paragraph type="secondary">{t.step1Body}</Typography.Paragraph>
            <Button
              icon={<DownloadOutlined aria-hidden />}
              loading={busy}
              onClick={() => void template()}
              data-testid="download-template"
            >
              {t.template}
            </Button>
          </Card>
          <Card title={`2. ${t.step2}`} style={{ flex: '2 1 360px' }}>
            {kind === 'records' && (
              <Flex vertical gap={4} style={{ marginBottom: 12 }}>
                <label htmlFor="import-reason">
                  <Typography.Text strong>{h.reason}</Typography.Text>
                </label>
                <Input.TextArea
                  id="import-reason"
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  placeholder={h.reasonPlaceholder}
                  maxLength={500}
                  showCount
                  autoSize={{ minRows: 2, maxRows: 4 }}
                  status={reason && !reasonOk ? 'error' : undefined}
                />
                {!reasonOk && <Typography.Text type="secondary">{h.reasonFirst}</Typography.Text>}
              </Flex>
            )}
            <ImportUpload
              kind={kind}
              orgId={org}
              reason={reason.trim()}
              disabled={kind === 'records' && !reasonOk}
              onStarted={(id) => {
                setReason('');
                set({ job: id });
              }}
            />
          </Card>
        </Flex>
      ) : null}
      {org && (
        <Card title={t.history}>
          <ImportHistory orgId={org} onOpen={(id) => set({ job: id })} />
        </Card>
      )}
    </Flex>
  );
}
