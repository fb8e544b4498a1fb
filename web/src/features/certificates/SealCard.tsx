import { App, Button, Card, Flex, Image, Popconfirm, Skeleton, Typography, Upload } from 'antd';
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { MAX_SEAL_BYTES } from '@yiqi/shared/contracts/certificates';
import { fileToBase64 } from '../../lib/files.ts';
import { useMessages } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { getSeal, keys, putSeal } from './api.ts';
import { certificateAdminMessages } from './admin.messages.ts';

const TYPES = ['image/png', 'image/jpeg'];

/** The seal printed on the organization's certificates: preview, upload or replace, remove. */
export function SealCard({ orgId }: { orgId: string }) {
  const t = useMessages(certificateAdminMessages);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({ queryKey: keys.seal(orgId), queryFn: ({ signal }) => getSeal(orgId, signal) });
  const save = useMutation({
    mutationFn: async (file: File | null) =>
      putSeal(orgId, file ? { mimeType: file.type, contentBase64: await fileToBase64(file) } : null),
    onSuccess: (r, file) => {
      qc.setQueryData(keys.seal(orgId), r);
      void message.success(file ? t.sealSaved : t.sealRemoved);
    },
    onError: (e) => void message.error(e.message),
  });
  const seal = q.data?.seal;

  return (
    <Card title={t.sealTitle} size="small">
      {q.isError ? (
        <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <Flex gap={16} align="center" wrap>
          <div
            style={{
              width: 112,
              height: 112,
              border: '1px dashed #d9d9d9',
              borderRadius: '50%',
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'center',
              overflow: 'hidden',
              flexShrink: 0,
            }}
          >
            {seal ? (
              <Image
                src={`data:${seal.mimeType};base64,${seal.contentBase64}`}
                alt={t.sealTitle}
                width={104}
                height={104}
                style={{ objectFit: 'contain' }}
                preview={false}
              />
            ) : (
              <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>
                {t.sealNone}
              </Typography.Text>
            )}
          </div>
          <Flex vertical gap={8} style={{ flex: 1, minWidth: 220 }}>
            <Typography.Text type="secondary">{t.sealIntro}</Typography.Text>
            <Flex gap={8} wrap>
              <Upload
                accept=".png,.jpg,.jpeg,image/png,image/jpeg"
                showUploadList={false}
                maxCount={1}
                beforeUpload={(file) => {
                  if (!TYPES.includes(file.type) || file.size > MAX_SEAL_BYTES) {
                    void message.error(t.sealBadFile);
                    return Upload.LIST_IGNORE;
                  }
                  return true;
                }}
                customRequest={({ file, onSuccess, onError }) => {
                  save.mutateAsync(file as File).then(
                    (r) => onSuccess?.(r),
                    (e: Error) => onError?.(e),
                  );
                }}
              >
                <Button
                  icon={<UploadOutlined aria-hidden />}
                  loading={save.isPending}
                  data-testid="seal-upload"
                >
                  {seal ? t.sealReplace : t.sealUpload}
                </Button>
              </Upload>
              {seal && (
                <Popconfirm
                  title={t.sealRemove}
                  description={t.sealRemoveConfirm}
                  onConfirm={() => save.mutateAsync(null).catch(() => undefined)}
                >
                  <Button danger icon={<DeleteOutlined aria-hidden />}>
                    {t.sealRemove}
                  </Button>
                </Popconfirm>
              )}
            </Flex>
          </Flex>
        </Flex>
      )}
    </Card>
  );
}
