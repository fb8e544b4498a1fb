import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

/** An icon and a line of detail (time, place, organizer) on cards. */
export function InfoLine({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <Flex gap={8} align="baseline" style={{ minWidth: 0 }}>
      <Typography.Text type="secondary" style={{ flexShrink: 0 }} aria-hidden>
        {icon}
      </Typography.Text>
      <Typography.Text style={{ fontSize: 13, minWidth: 0, overflowWrap: 'anywhere' }}>
        {children}
      </Typography.Text>
    </Flex>
  );
}

/** A link to a map app's web page (高德 / 腾讯), opened outside the app; a tap does not open the card. */
export function MapLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" onClick={(e) => e.stopPropagation()}>
      {children}
    </a>
  );
}
