import { lazy } from 'react';
import { Route } from 'react-router';
import { TeamOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import { TEAM_ADMINS } from '../shell/access.ts';
import { only, type FeatureManifest } from '../shell/feature.tsx';

const MembersPage = lazy(() => import('./MembersPage.tsx'));
const MyTeamsPage = lazy(() => import('./MyTeamsPage.tsx'));
const JoinPage = lazy(() => import('./JoinPage.tsx'));

export const manifest: FeatureManifest = {
  name: 'memberships',
  mobile: (
    <>
      <Route path="teams" element={<MyTeamsPage />} />
      <Route path="join/:orgId" element={<JoinPage />} />
    </>
  ),
  console: <Route path="members" element={only(TEAM_ADMINS, <MembersPage />)} />,
  nav: [
    {
      order: 40,
      path: '/members',
      icon: <UsergroupAddOutlined aria-hidden />,
      label: (t) => t.menuMembers,
      roles: TEAM_ADMINS,
    },
  ],
  tabs: [
    {
      place: 'bar',
      order: 40,
      path: '/m/teams',
      icon: <TeamOutlined aria-hidden />,
      label: (t) => t.tabTeams,
    },
  ],
};
