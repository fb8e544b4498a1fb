import { Alert } from 'antd';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { lagNoticeSeconds, useReplicaLag } from '../../lib/replica-lag.ts';
import { commonMessages } from './messages.ts';

/**
 * "数据可能延迟约 N 秒" above a list whose last answer came from the server's replica more than two seconds
 * behind (docs/decisions/0022); nothing otherwise. `path`: the API path the list reads, without query.
 */
export function ReplicaLagNotice({ path }: { path: string }) {
  const t = useMessages(commonMessages);
  const seconds = lagNoticeSeconds(useReplicaLag(path));
  if (seconds === null) return null;
  return <Alert type="info" showIcon message={fmt(t.replicaLag, { n: seconds })} data-testid="replica-lag" />;
}
