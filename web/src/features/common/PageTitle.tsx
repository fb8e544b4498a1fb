import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

/** A page's heading with its main actions on the right (wrapping below on phones). */
export function PageTitle({ title, extra }: { title: ReactNode; extra?: ReactNode }) {
  return (
    <Flex justify="space-between" align="center" wrap gap={8}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {extra}
    </Flex>
  );
}
