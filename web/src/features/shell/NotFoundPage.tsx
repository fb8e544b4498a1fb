import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useMessages } from '../../lib/i18n.tsx';
import { shellMessages } from './messages.ts';

export default function NotFoundPage() {
  const t = useMessages(shellMessages);
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t.notFoundTitle}
      subTitle={t.notFoundBody}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t.backHome}
        </Button>
      }
    />
  );
}
