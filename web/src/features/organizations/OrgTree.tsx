import { Empty, Flex, Skeleton, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useMessages } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { getOrganizationTree, type TreeNode } from './api.ts';
import { orgAdminMessages } from './review.messages.ts';
import { OrgStatusTag, useOrgTypeName } from './tags.tsx';

/** Nests the depth-first list the API returns (each node right after its parent). */
function nest(items: TreeNode[], label: (n: TreeNode) => DataNode['title']): DataNode[] {
  const nodes = new Map<string, DataNode & { children: DataNode[] }>();
  const roots: DataNode[] = [];
  for (const n of items) {
    const node = { key: n.id, title: label(n), children: [] as DataNode[] };
    nodes.set(n.id, node);
    const parent = n.depth > 0 && n.parentId ? nodes.get(n.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** The organization and its sub-teams, recursively; a click opens a team's page. */
export function OrgTree({ id }: { id: string }) {
  const t = useMessages(orgAdminMessages);
  const typeName = useOrgTypeName();
  const navigate = useNavigate();
  const q = useQuery({
    queryKey: ['organization', id, 'tree'],
    queryFn: ({ signal }) => getOrganizationTree(id, signal),
  });
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Skeleton active />;
  if (q.data.items.length <= 1)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.treeEmpty} />;
  const data = nest(q.data.items, (n) => (
    <Flex gap={6} align="center" wrap style={{ padding: '2px 0' }}>
      <Typography.Text strong={n.id === id}>{n.name}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {typeName(n.orgType)}
      </Typography.Text>
      <OrgStatusTag status={n.status} />
    </Flex>
  ));
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">{t.treeHint}</Typography.Text>
      <Tree
        treeData={data}
        defaultExpandAll
        showLine
        blockNode
        selectedKeys={[id]}
        onSelect={(keys) => {
          const k = keys[0];
          if (k && k !== id) navigate(`/organizations/${String(k)}`);
        }}
        data-testid="org-tree"
      />
    </Flex>
  );
}
