import { Outlet } from 'react-router';
import { MobileFrame } from './MobileFrame.tsx';

/** The signed-in volunteer area (the route gate above has checked the session). */
export default function MobileShell() {
  return (
    <MobileFrame mode="member">
      <Outlet />
    </MobileFrame>
  );
}
