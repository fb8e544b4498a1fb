import { Tag } from 'antd';
import { ORDER_STATE_NAMES, type OrderState } from '@yiqi/shared/dispatch/order-states';
import { useText } from '../../lib/i18n.tsx';

const COLOR: Record<OrderState, string> = {
  review: 'gold',
  ready: 'orange',
  offered: 'cyan',
  open: 'purple',
  accepted: 'blue',
  completed: 'green',
  rejected: 'red',
  merged: 'default',
  cancelled: 'default',
};

/** An order's state as staff see it (待审核, 待派单, …). */
export function StateTag({ state }: { state: OrderState }) {
  const text = useText();
  return <Tag color={COLOR[state]}>{text(ORDER_STATE_NAMES[state])}</Tag>;
}
