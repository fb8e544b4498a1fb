import { Outlet } from 'react-router';
import { stageOf, useMe } from '../auth/session.ts';
import { MobileFrame } from '../mobile/MobileFrame.tsx';

/** The public activity pages: the volunteer area's frame for a signed-in user, a sign-in link for visitors. */
export default function PublicLayout() {
  const me = useMe();
  const mode = me.isPending ? 'unknown' : stageOf(me.data) === 'ready' ? 'member' : 'guest';
  return (
    <MobileFrame mode={mode}>
      <Outlet />
    </MobileFrame>
  );
}
