import { lazy } from 'react';
import { Route } from 'react-router';
import { SearchOutlined, TeamOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import { TEAM_ADMINS } from '../shell/access.ts';
import { only, type FeatureManifest } from '../shell/feature.tsx';

const MembersPage = lazy(() => import('./MembersPage.tsx'));
const MyTeamsPage = lazy(() => import('./MyTeamsPage.tsx'));
const JoinPage = lazy(() => import('./JoinPage.tsx'));
const DirectoryPage = lazy(() => import('./DirectoryPage.tsx'));
const PublicLayout = lazy(() => import('../activities/PublicLayout.tsx'));

export const manifest: FeatureManifest = {
  name: 'memberships',
  // 找组织: anyone may browse teams; applying asks for a sign-in on the join page.
  public: (
    <Route element={<PublicLayout />}>
      <Route path="/m/organizations" element={<DirectoryPage />} />
    </Route>
  ),
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
    {
      place: 'more',
      order: 45,
      path: '/m/organizations',
      icon: <SearchOutlined aria-hidden />,
      label: (t) => t.tabFindTeams,
    },
  ],
};
