import { useState } from 'react';
import { App, Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { downloadFile } from '../../lib/files.ts';
import { useMessages } from '../../lib/i18n.tsx';
import { commonMessages } from './messages.ts';

type Query = Parameters<typeof downloadFile>[2];

/** Downloads an Excel export of the current filter; the API's refusal (too many rows…) is shown as is. */
export function ExportButton({
  path,
  query,
  fileName,
  label,
}: {
  path: string;
  query?: Query;
  fileName: string;
  label?: string;
}) {
  const t = useMessages(commonMessages);
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await downloadFile(path, fileName, query);
      void message.success(t.exported);
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined aria-hidden />} loading={busy} onClick={() => void run()}>
      {busy ? t.exporting : (label ?? t.exportExcel)}
    </Button>
  );
}
