import { App, Button, Typography } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import { useMessages } from '../../lib/i18n.tsx';
import { joinLink } from '../memberships/api.ts';
import { orgAdminMessages } from './review.messages.ts';

/** Copies an approved organization's join link; where the clipboard is closed, shows it to copy by hand. */
export function CopyJoinLink({ id, name, block }: { id: string; name: string; block?: boolean }) {
  const t = useMessages(orgAdminMessages);
  const { message, modal } = App.useApp();
  const link = joinLink(id, name);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      void message.success(t.linkCopied);
    } catch {
      modal.info({
        title: t.copyLink,
        content: (
          <Typography.Paragraph copyable style={{ wordBreak: 'break-all' }}>
            {link}
          </Typography.Paragraph>
        ),
      });
    }
  };
  return (
    <Button
      size="small"
      icon={<LinkOutlined aria-hidden />}
      onClick={() => void copy()}
      block={block}
      data-join-link={link}
    >
      {t.copyLink}
    </Button>
  );
}
