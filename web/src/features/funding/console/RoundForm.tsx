import { useEffect } from 'react';
import { Alert, App, Button, DatePicker, Drawer, Flex, Form, Input, InputNumber, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { fmt, useMessages } from '../../../lib/i18n.tsx';
import { RegionPicker } from '../../regions/RegionPicker.tsx';
import { createRound, editRound, FUNDING_KEY, toFen, type Round } from '../api.ts';
import { fundingMessages } from '../messages.ts';
import { LinesEditor } from './LinesEditor.tsx';
import { chinaNow, fromPicker, toPicker } from '../../../lib/china-time.ts';

interface Values {
  region: string;
  name: string;
  year: number;
  budget: number;
  window: [Dayjs, Dayjs];
  criteria: { name: string; weight: number; maxScore: number }[];
  tiers: { name: string; cap: number; count: number }[];
}

/**
 * Creates a draft round or edits one (criteria and tiers replaced as a whole); money typed in yuan. With a
 * `funder`, the new round is that foundation's (its admins run it).
 */
export function RoundForm({
  round,
  region,
  funder,
  open,
  onClose,
}: {
  round: Round | null;
  region: string | undefined;
  funder?: { id: string; name: string } | undefined;
  open: boolean;
  onClose: () => void;
}) {
  const t = useMessages(fundingMessages);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const criteria = Form.useWatch('criteria', form) ?? [];
  const weights = criteria.reduce((n, c) => n + (c?.weight ?? 0), 0);
  useEffect(() => {
    if (!open) return;
    form.setFieldsValue(
      round
        ? {
            region: round.regionCode,
            name: round.name,
            year: round.year,
            budget: round.budgetFen / 100,
            window: [toPicker(round.opensAt)!, toPicker(round.closesAt)!],
            criteria: round.criteria.map(({ name, weight, maxScore }) => ({ name, weight, maxScore })),
            tiers: round.tiers.map((x) => ({ name: x.name, cap: x.capFen / 100, count: x.count })),
          }
        : {
            ...(region ? { region } : {}),
            year: chinaNow().year(),
            criteria: [
              { name: '需求与目标', weight: 30, maxScore: 10 },
              { name: '可行性与团队', weight: 40, maxScore: 10 },
              { name: '预算合理性', weight: 30, maxScore: 10 },
            ],
            tiers: [
              { name: '示范', cap: 50000, count: 2 },
              { name: '重点培育', cap: 30000, count: 5 },
              { name: '持续扶持', cap: 10000, count: 10 },
            ],
          },
    );
  }, [open, round]);
  const save = useMutation({
    mutationFn: async (v: Values) => {
      const body = {
        name: v.name,
        year: v.year,
        budgetFen: toFen(v.budget),
        opensAt: fromPicker(v.window[0], 'second'),
        closesAt: fromPicker(v.window[1], 'second'),
        criteria: v.criteria,
        tiers: v.tiers.map((x) => ({ name: x.name, capFen: toFen(x.cap), count: x.count })),
      };
      return round
        ? editRound(round.id, body)
        : createRound({ ...body, region: v.region, ...(funder ? { funderOrgId: funder.id } : {}) });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: FUNDING_KEY });
      void message.success(t.saved);
      onClose();
    },
  });
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={round ? t.editRound : t.newRound}
      width={640}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} disabled={save.isPending}>
        {!round && funder && (
          <Form.Item label={t.funder}>
            <Typography.Text strong>{funder.name}</Typography.Text>
          </Form.Item>
        )}
        {!round && (
          <Form.Item name="region" label={t.region} rules={[{ required: true }]}>
            <RegionPicker />
          </Form.Item>
        )}
        <Form.Item name="name" label={t.name} rules={[{ required: true, min: 2, max: 80 }]}>
          <Input />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="year" label={t.year} rules={[{ required: true }]}>
            <InputNumber min={2014} max={2100} />
          </Form.Item>
          <Form.Item name="budget" label={t.budget} rules={[{ required: true }]}>
            <InputNumber min={0.01} precision={2} style={{ width: 180 }} />
          </Form.Item>
        </Flex>
        <Form.Item name="window" label={t.window} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime style={{ width: '100%' }} />
        </Form.Item>
        <Typography.Title level={5}>{t.criteria}</Typography.Title>
        <LinesEditor
          name="criteria"
          columns={[
            { name: 'name', label: t.criterionName },
            { name: 'weight', label: t.weight, number: { min: 1, max: 100 } },
            { name: 'maxScore', label: t.maxScore, number: { min: 1, max: 100 } },
          ]}
          newLine={{ weight: 10, maxScore: 10 }}
        />
        <Typography.Paragraph type={weights === 100 ? 'secondary' : 'danger'} style={{ marginTop: 8 }}>
          {fmt(t.weightsHint, { n: weights })}
        </Typography.Paragraph>
        <Typography.Title level={5}>{t.tiers}</Typography.Title>
        <LinesEditor
          name="tiers"
          columns={[
            { name: 'name', label: t.tierName },
            { name: 'cap', label: t.cap, number: { min: 0.01, precision: 2 } },
            { name: 'count', label: t.count, number: { min: 1, max: 1000 } },
          ]}
          newLine={{ count: 1 }}
        />
        {save.isError && (
          <Alert type="error" showIcon message={save.error.message} style={{ marginTop: 16 }} />
        )}
        <Flex justify="end" style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t.save}
          </Button>
        </Flex>
      </Form>
    </Drawer>
  );
}
