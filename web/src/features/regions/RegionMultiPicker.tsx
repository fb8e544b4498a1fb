import { Button, Flex, Tag } from 'antd';
import { CloseOutlined } from '@ant-design/icons';
import { useMessages } from '../../lib/i18n.tsx';
import { regionMessages } from './messages.ts';
import { RegionPicker } from './RegionPicker.tsx';
import { RegionName } from './useRegionPath.tsx';

interface Props {
  id?: string;
  value?: string[];
  onChange?: (codes: string[]) => void;
  max?: number;
  minLevel?: number;
}

/** Several places (service regions): each a removable tag, and a picker to add another. */
export function RegionMultiPicker({ id, value = [], onChange, max = 20, minLevel = 3 }: Props) {
  const t = useMessages(regionMessages);
  return (
    <Flex vertical gap={8}>
      {value.length > 0 && (
        <Flex wrap gap={6}>
          {value.map((code) => (
            <Tag key={code} style={{ marginInlineEnd: 0, padding: '2px 4px 2px 8px', whiteSpace: 'normal' }}>
              <RegionName code={code} />
              <Button
                type="text"
                size="small"
                icon={<CloseOutlined aria-hidden />}
                aria-label={t.remove}
                onClick={() => onChange?.(value.filter((c) => c !== code))}
                style={{ marginInlineStart: 2, height: 20, width: 20, minWidth: 20 }}
              />
            </Tag>
          ))}
        </Flex>
      )}
      {value.length < max && (
        <RegionPicker
          id={id}
          minLevel={minLevel}
          placeholder={t.addRegion}
          onChange={(code) => !value.includes(code) && onChange?.([...value, code])}
        />
      )}
    </Flex>
  );
}
