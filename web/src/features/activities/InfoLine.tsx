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

/** A geo: link (the phone's map app) showing the coordinates, so they can also be copied. */
export function MapLink({ href, text, title }: { href: string; text: string; title: string }) {
  return (
    <a
      href={href}
      title={title}
      onClick={(e) => e.stopPropagation()}
      style={{ fontVariantNumeric: 'tabular-nums' }}
    >
      {text}
    </a>
  );
}
