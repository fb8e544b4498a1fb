import { useState } from 'react';
import { App, Button, Card, Flex, Modal, Popconfirm, Typography } from 'antd';
import {
  DownloadOutlined,
  LinkOutlined,
  PictureOutlined,
  PrinterOutlined,
  TableOutlined,
} from '@ant-design/icons';
import { useMessages } from '../../../lib/i18n.tsx';
import { downloadFile, saveBlob } from '../../../lib/files.ts';
import { useMe } from '../../auth/session.ts';
import { hasAnyRole } from '../../shell/access.ts';
import type { ActivityDetail } from './api.ts';
import { handoutMessages } from './handouts.messages.ts';

/** The share card (an SVG from the server) drawn onto a canvas at twice its size: a PNG WeChat can send. */
async function svgToPng(svgUrl: string): Promise<Blob> {
  const svg = await (await fetch(svgUrl, { credentials: 'same-origin' })).text();
  const img = new Image();
  img.src = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth * 2;
  canvas.height = img.naturalHeight * 2;
  canvas.getContext('2d')!.drawImage(img, 0, 0, canvas.width, canvas.height);
  URL.revokeObjectURL(img.src);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('png'))), 'image/png'),
  );
}

/**
 * Roster (Excel; full phones only for region admins, confirmed and audited), the paper sign-in sheet (PDF)
 * and the share card, once the activity is published.
 */
export function HandoutsCard({ activity }: { activity: ActivityDetail }) {
  const t = useMessages(handoutMessages);
  const { message } = App.useApp();
  const me = useMe();
  const [card, setCard] = useState(false);
  const base = `/api/activities/${activity.id}`;
  const pageUrl = `${window.location.origin}/m/activities/${activity.id}`;
  const fail = (e: unknown) => void message.error((e as Error).message);
  const regionAdmin = me.data ? hasAnyRole(me.data, ['region_admin']) : false;
  if (activity.status === 'draft') return null;
  return (
    <Card title={t.title} size="small">
      <Flex wrap gap={8}>
        <Button
          icon={<TableOutlined aria-hidden />}
          onClick={() => downloadFile(`${base}/roster.xlsx`, 'roster.xlsx').catch(fail)}
        >
          {t.roster}
        </Button>
        {regionAdmin && (
          <Popconfirm
            title={t.rosterFullConfirm}
            onConfirm={() =>
              downloadFile(`${base}/roster.xlsx`, 'roster.xlsx', { phones: 'full' }).catch(fail)
            }
          >
            <Button icon={<TableOutlined aria-hidden />}>{t.rosterFull}</Button>
          </Popconfirm>
        )}
        <Button
          icon={<PrinterOutlined aria-hidden />}
          onClick={() => downloadFile(`${base}/sign-in-sheet.pdf`, 'sign-in-sheet.pdf').catch(fail)}
        >
          {t.sheet}
        </Button>
        <Button icon={<PictureOutlined aria-hidden />} onClick={() => setCard(true)}>
          {t.card}
        </Button>
      </Flex>
      <Modal
        open={card}
        title={t.cardTitle}
        onCancel={() => setCard(false)}
        footer={[
          <Button
            key="link"
            icon={<LinkOutlined aria-hidden />}
            onClick={() =>
              navigator.clipboard
                .writeText(pageUrl)
                .then(() => message.success(t.copied))
                .catch(fail)
            }
          >
            {t.copyLink}
          </Button>,
          <Button
            key="png"
            type="primary"
            icon={<DownloadOutlined aria-hidden />}
            onClick={() =>
              svgToPng(`${base}/share-card.svg`)
                .then((b) => saveBlob(b, `share-card-${activity.id}.png`))
                .catch(fail)
            }
          >
            {t.savePng}
          </Button>,
        ]}
      >
        <Flex vertical gap={12} align="center">
          <img
            src={`${base}/share-card.svg`}
            alt={activity.title}
            data-testid="share-card"
            style={{ width: '100%', maxWidth: 360, borderRadius: 8, boxShadow: '0 1px 6px rgba(0,0,0,.15)' }}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t.cardHint}
          </Typography.Text>
        </Flex>
      </Modal>
    </Card>
  );
}
