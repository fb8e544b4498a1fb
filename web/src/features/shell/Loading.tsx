import { Flex, Spin } from 'antd';
import { useMessages } from '../../lib/i18n.tsx';
import { shellMessages } from './messages.ts';

/** Spinner for a whole page (full screen) or for the content area of the console. */
export function Loading({ fullScreen = false }: { fullScreen?: boolean }) {
  const t = useMessages(shellMessages);
  return (
    <Flex align="center" justify="center" style={{ minHeight: fullScreen ? '100vh' : 240 }} role="status">
      <Spin size="large" description={t.loading} />
    </Flex>
  );
}
