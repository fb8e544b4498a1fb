import { forwardRef } from 'react';
import AntdIcon from '@ant-design/icons/es/components/AntdIconLight';

type Props = Parameters<typeof AntdIcon>[0];

/**
 * Every Ant Design outlined and filled icon, as the build resolves it (vite.config.ts quietIcons): the library labels each icon
 * with its English file name ("edit", "close-circle"), which screen readers announce in the middle of a
 * Chinese page. An icon is decoration beside its text, so it is hidden from them; one given its own
 * aria-label (an icon-only button's) keeps it.
 */
const QuietIcon = forwardRef<HTMLSpanElement, Props>(function QuietIcon(props, ref) {
  const labelled = props['aria-label'] !== undefined || props['aria-labelledby'] !== undefined;
  const quiet = labelled ? {} : { 'aria-hidden': true, 'aria-label': undefined };
  return <AntdIcon ref={ref} {...quiet} {...props} />;
});

export default QuietIcon;
