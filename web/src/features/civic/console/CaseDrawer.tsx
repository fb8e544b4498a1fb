import { useState } from 'react';
import { Alert, App, Button, Drawer, Flex, Input, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { amapMarkerUrl } from '@yiqi/shared/geo/map-apps';
import { useMessages } from '../../../lib/i18n.tsx';
import { isApiError } from '../../../lib/api.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { CIVIC_KEY, casePhotoUrl, handleCase, reviewCase, type CivicCase } from '../api.ts';
import { CaseFacts } from '../CaseFacts.tsx';
import { civicMessages } from '../messages.ts';
import { PhotoPick } from '../PhotoPick.tsx';
import { RatingForm } from '../RatingForm.tsx';

/**
 * One case for its unit and supervisors: the facts and photos, the handling form (note + 1–3 proof photos)
 * while it is routed, and the supervisor's check (region admins) once handled.
 */
export function CaseDrawer({ c, onClose }: { c: CivicCase | null; onClose: () => void }) {
  const t = useMessages(civicMessages);
  const me = useCurrentUser();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const [proof, setProof] = useState<(string | undefined)[]>([undefined]);
  const supervisor = me.roles.some((r) => r.role === 'region_admin');
  const done = (msg: string) => {
    void qc.invalidateQueries({ queryKey: CIVIC_KEY });
    void message.success(msg);
    setNote('');
    setProof([undefined]);
    onClose();
  };
  const handle = useMutation({
    mutationFn: () =>
      handleCase(
        c!.id,
        note.trim(),
        proof.filter((p): p is string => !!p),
      ),
    onSuccess: () => done(t.handled),
    onError: (e) => void message.error(e.message),
  });
  const review = useMutation({
    mutationFn: (v: { rating: number; comment: string }) => reviewCase(c!.id, v.rating, v.comment),
    onSuccess: (r) => done(r.status === 'rectified' ? t.status_rectified : t.reopened),
    onError: (e) => void message.error(isApiError(e, 'CIVIC_SELF_REVIEW') ? t.selfReview : e.message),
  });
  const proofs = proof.filter(Boolean).length;
  return (
    <Drawer open={!!c} onClose={onClose} title={c ? t[`cat_${c.category}`] : ''} width={520} destroyOnHidden>
      {c && (
        <Flex vertical gap={12}>
          <CaseFacts c={c} photoUrl={casePhotoUrl} />
          <Typography.Text type="secondary">
            {t.reporter}：{c.anonymous || !c.reporterName ? t.anonymousReporter : c.reporterName} ·{' '}
            <a
              href={amapMarkerUrl({ lat: c.lat, lng: c.lng }, t[`cat_${c.category}`])}
              target="_blank"
              rel="noopener noreferrer"
            >
              {t.location}
            </a>
          </Typography.Text>
          {c.status === 'routed' && (
            <Flex vertical gap={8} style={{ borderTop: '1px solid #f0f0f0', paddingTop: 8 }}>
              <Typography.Text strong>{t.handleTitle}</Typography.Text>
              <Input.TextArea
                aria-label={t.note}
                placeholder={t.note}
                maxLength={500}
                showCount
                autoSize={{ minRows: 3 }}
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
              <Typography.Text>{t.proof}</Typography.Text>
              <Flex gap={8} wrap>
                {proof.map((p, i) => (
                  <PhotoPick
                    key={i}
                    label={`${t.photo_proof} ${i + 1}`}
                    value={p}
                    testId={`proof-${i}`}
                    onChange={(v) => setProof((xs) => xs.map((x, j) => (j === i ? v : x)))}
                  />
                ))}
              </Flex>
              {proof.length < 3 && proof.every(Boolean) && (
                <Button onClick={() => setProof((xs) => [...xs, undefined])}>{t.addProof}</Button>
              )}
              <Button
                type="primary"
                disabled={!note.trim() || proofs === 0}
                loading={handle.isPending}
                onClick={() => handle.mutate()}
                style={{ minHeight: 44 }}
              >
                {t.handleSubmit}
              </Button>
            </Flex>
          )}
          {c.status === 'handled' && supervisor && (
            <RatingForm
              title={t.review}
              submitLabel={t.reviewSubmit}
              loading={review.isPending}
              onSubmit={(rating, comment) => review.mutate({ rating, comment })}
            />
          )}
          {c.status === 'handled' && !supervisor && <Alert type="info" showIcon message={t.handled} />}
        </Flex>
      )}
    </Drawer>
  );
}
