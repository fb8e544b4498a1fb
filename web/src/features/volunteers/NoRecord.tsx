import { Button, Flex, Result } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useMessages } from '../../lib/i18n.tsx';
import { forgetAllButMe, ME_KEY } from '../../lib/query.ts';
import { logout } from '../auth/api.ts';
import { useMe } from '../auth/session.ts';
import { volunteerMessages } from './messages.ts';

/**
 * A signed-in account without a volunteer record (a staff account, or a user made by an administrator):
 * registration creates its own account by phone, so this one signs out first.
 */
export function NoRecord() {
  const t = useMessages(volunteerMessages);
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const register = async () => {
    await logout().catch(() => undefined);
    forgetAllButMe(qc);
    qc.setQueryData(ME_KEY, null);
    navigate('/m/register');
  };
  return (
    <Result
      status="info"
      title={t.noRecordTitle}
      subTitle={t.noRecordBody}
      extra={
        <Flex vertical gap={8} align="center">
          <Button type="primary" onClick={() => void register()}>
            {t.registerNow}
          </Button>
          {me.data?.isStaff && <Button onClick={() => navigate('/regions')}>{t.toConsole}</Button>}
        </Flex>
      }
    />
  );
}
