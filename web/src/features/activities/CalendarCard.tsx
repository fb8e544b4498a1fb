import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Typography } from 'antd';
import { CalendarOutlined, DownloadOutlined, LinkOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useMessages } from '../../lib/i18n.tsx';
import { createCalendarFeed, downloadCalendar } from './api.ts';
import { myMessages } from './my.messages.ts';

/** My accepted shifts in a calendar: a one-off .ics file, or a secret address a calendar app subscribes to. */
export function CalendarCard() {
  const t = useMessages(myMessages);
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const feed = useMutation({ mutationFn: createCalendarFeed });
  const download = async () => {
    setBusy(true);
    try {
      await downloadCalendar();
      void message.success(t.downloaded);
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const url = feed.data?.url;
  return (
    <Card
      size="small"
      title={
        <span>
          <CalendarOutlined aria-hidden /> {t.calendarTitle}
        </span>
      }
    >
      <Flex vertical gap={10}>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t.calendarHint}
        </Typography.Text>
        <Flex gap={8} wrap>
          <Button
            icon={<DownloadOutlined aria-hidden />}
            loading={busy}
            onClick={() => void download()}
            data-testid="ics-download"
          >
            {t.download}
          </Button>
          <Button
            icon={<LinkOutlined aria-hidden />}
            loading={feed.isPending}
            onClick={() => feed.mutate()}
            data-testid="ics-feed"
          >
            {url ? t.resubscribe : t.subscribe}
          </Button>
        </Flex>
        {feed.isError && <Alert type="error" showIcon title={feed.error.message} role="alert" />}
        {url && (
          <Alert
            type="info"
            title={
              <Typography.Paragraph
                copyable={{ text: url, tooltips: [t.copy, t.copied] }}
                style={{ margin: 0, wordBreak: 'break-all', fontFamily: 'monospace', fontSize: 12 }}
                data-testid="feed-url"
              >
                {url}
              </Typography.Paragraph>
            }
            description={
              <Flex vertical gap={4} style={{ fontSize: 12 }}>
                <span>{t.feedHint}</span>
                <span>{t.feedReplace}</span>
                <a href={url.replace(/^https?:/, 'webcal:')}>{t.openInCalendar}</a>
              </Flex>
            }
          />
        )}
      </Flex>
    </Card>
  );
}
