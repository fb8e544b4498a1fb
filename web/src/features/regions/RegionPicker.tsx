import { useState } from 'react';
import { Button, Drawer, Flex, Grid, Typography } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { regionPrefix, type RegionLevel } from '@yiqi/shared/regions';
import { getRegion, GUANGDONG } from './api.ts';
import { regionMessages } from './messages.ts';
import { RegionDrill, type Crumb } from './RegionDrill.tsx';
import { useRegionPath } from './useRegionPath.tsx';

const ROOT: Crumb = { code: GUANGDONG, name: '广东省', level: 1 };

interface Props {
  value?: string;
  onChange?: (code: string) => void;
  id?: string;
  /** The shallowest level that may be chosen (3 = district). */
  minLevel?: number;
  placeholder?: string;
  /** Where choosing starts and what the search covers (default: all of Guangdong), e.g. a unit's area. */
  root?: Crumb;
  'aria-invalid'?: boolean;
}

/**
 * A place in Guangdong, chosen level by level (city → district → street → community) in a panel that
 * slides up on phones. The value is the 12-digit region code.
 */
export function RegionPicker({
  value,
  onChange,
  id,
  minLevel = 3,
  placeholder,
  root = ROOT,
  ...rest
}: Props) {
  const t = useMessages(regionMessages);
  const qc = useQueryClient();
  const mobile = Grid.useBreakpoint().md === false;
  const [open, setOpen] = useState(false);
  const [trail, setTrail] = useState<Crumb[]>([root]);
  const { path } = useRegionPath(value);
  const here = trail[trail.length - 1]!;

  /** The trail down to a place (itself included when `inside`), from the region's ancestors. */
  const trailTo = async (code: string, inside: boolean): Promise<Crumb[]> => {
    try {
      const r = await qc.fetchQuery({ queryKey: ['region', code], queryFn: () => getRegion(code) });
      const up: Crumb[] = r.ancestors.map((a) => ({ code: a.code, name: a.name, level: a.level }));
      const all = inside ? [...up, { code: r.code, name: r.name, level: r.level }] : up;
      return all.length ? all : [root];
    } catch {
      return [root];
    }
  };
  const show = async () => {
    setOpen(true);
    // Open at the chosen place's parent, so its siblings show and the choice can be changed.
    setTrail(value ? await trailTo(value, false) : [root]);
  };
  const pick = (c: Crumb) => {
    onChange?.(c.code);
    setOpen(false);
  };

  return (
    <>
      <Button
        id={id}
        block
        icon={<EnvironmentOutlined aria-hidden />}
        onClick={() => void show()}
        aria-invalid={rest['aria-invalid']}
        aria-haspopup="dialog"
        style={{ justifyContent: 'flex-start', textAlign: 'left', height: 'auto', minHeight: 32 }}
      >
        <span style={{ whiteSpace: 'normal' }}>
          {value ? (
            (path ?? value)
          ) : (
            <Typography.Text type="secondary">{placeholder ?? t.pickRegion}</Typography.Text>
          )}
        </span>
      </Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t.pickTitle}
        placement={mobile ? 'bottom' : 'right'}
        size={mobile ? '85vh' : 440}
        destroyOnHidden
        footer={
          <Flex vertical gap={8}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t.pickHint}
            </Typography.Text>
            <Button
              type="primary"
              block
              disabled={here.level < minLevel}
              onClick={() => pick(here)}
              data-testid="region-choose-here"
            >
              {fmt(t.chooseHere, { name: here.name })}
            </Button>
          </Flex>
        }
      >
        <RegionDrill
          trail={trail}
          onTrail={setTrail}
          onPick={pick}
          onJump={(c) => void trailTo(c.code, true).then(setTrail)}
          prefix={regionPrefix(root.code, root.level as RegionLevel)}
        />
      </Drawer>
    </>
  );
}
