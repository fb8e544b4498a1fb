import { Button, Flex, Image, Modal, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useMessages } from '../../../lib/i18n.tsx';
import { commonMessages } from '../../common/messages.ts';
import { documentUrl, type QueueRow } from './api.ts';

type Doc = QueueRow['documents'][number];

/**
 * An uploaded identity document, loaded only when the reviewer opens it (every read is audited): images
 * inline with zoom, PDFs embedded with a link to open them on their own.
 */
export function DocumentViewer({
  volunteerId,
  doc,
  title,
  onClose,
}: {
  volunteerId: string;
  doc: Doc | null;
  title: string;
  onClose: () => void;
}) {
  const c = useMessages(commonMessages);
  const url = doc ? documentUrl(volunteerId, doc.id) : '';
  return (
    <Modal
      open={Boolean(doc)}
      title={title}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{c.close}</Button>}
      width={720}
      destroyOnHidden
    >
      {doc && doc.mimeType === 'application/pdf' ? (
        <Flex vertical gap={8}>
          <iframe
            src={url}
            title={title}
            style={{ width: '100%', height: '60vh', border: '1px solid #f0f0f0' }}
          />
          <Typography.Link href={url} target="_blank" rel="noopener">
            <FilePdfOutlined aria-hidden /> PDF
          </Typography.Link>
        </Flex>
      ) : doc ? (
        <Flex justify="center" style={{ background: '#fafafa', borderRadius: 8, padding: 8 }}>
          <Image
            src={url}
            alt={title}
            style={{ maxHeight: '60vh', objectFit: 'contain' }}
            data-testid="document-image"
          />
        </Flex>
      ) : null}
    </Modal>
  );
}
