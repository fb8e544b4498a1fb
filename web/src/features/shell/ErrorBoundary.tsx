import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button, Result } from 'antd';
import { useMessages } from '../../lib/i18n.tsx';
import { shellMessages } from './messages.ts';

function Fallback({ onRetry }: { onRetry: () => void }) {
  const t = useMessages(shellMessages);
  return (
    <Result
      status="warning"
      title={t.errorTitle}
      subTitle={t.errorBody}
      extra={
        <Button type="primary" onClick={onRetry}>
          {t.reload}
        </Button>
      }
    />
  );
}

/**
 * Catches render errors, and failed page downloads (after a new release the old chunks are gone), so the
 * user sees a way out instead of a blank screen. `resetKey` (the path) clears the error on navigation.
 */
export class ErrorBoundary extends Component<
  { children: ReactNode; resetKey?: string },
  { error: Error | null; key?: string }
> {
  override state: { error: Error | null; key?: string } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(
    props: { resetKey?: string },
    state: { error: Error | null; key?: string },
  ) {
    if (props.resetKey !== state.key) return { error: null, key: props.resetKey };
    return null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  override render() {
    if (this.state.error) return <Fallback onRetry={() => window.location.reload()} />;
    return this.props.children;
  }
}
