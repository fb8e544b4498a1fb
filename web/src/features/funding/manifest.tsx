import { lazy } from 'react';
import { Route } from 'react-router';
import { AuditOutlined, FundOutlined, TrophyOutlined } from '@ant-design/icons';
import { REGION_ADMINS } from '../shell/access.ts';
import { only, type FeatureManifest } from '../shell/feature.tsx';

// The activities' public frame (its own lazy chunk, which the first-page preload names).
const PublicLayout = lazy(() => import('../activities/PublicLayout.tsx'));
const TenBestPage = lazy(() => import('./TenBestPage.tsx'));
const ReviewsPage = lazy(() => import('./ReviewsPage.tsx'));
const RoundsPage = lazy(() => import('./console/RoundsPage.tsx'));
const RoundPage = lazy(() => import('./console/RoundPage.tsx'));
const OrgFundingPage = lazy(() => import('./console/OrgFundingPage.tsx'));
const ROUND_OWNERS = [...REGION_ADMINS, 'org_admin'] as const;

/** Funding rounds (益苗计划): the level body's console, the organizations' applications, reviewers, the ten best. */
export const manifest: FeatureManifest = {
  name: 'funding',
  public: (
    <Route element={<PublicLayout />}>
      <Route path="/m/funding/ten-best" element={<TenBestPage />} />
    </Route>
  ),
  // Reviewers are any account a round's owner assigned: their page is in the volunteer area.
  mobile: <Route path="funding/reviews" element={<ReviewsPage />} />,
  console: (
    <>
      {/* Org admins reach the rounds too: a foundation's admins run the rounds it funds. */}
      <Route path="funding" element={only(ROUND_OWNERS, <RoundsPage />)} />
      <Route path="funding/apply" element={only(['org_admin'], <OrgFundingPage />)} />
      <Route path="funding/:id" element={only(ROUND_OWNERS, <RoundPage />)} />
    </>
  ),
  nav: [
    {
      order: 88,
      path: '/funding',
      icon: <FundOutlined aria-hidden />,
      label: (t) => t.menuFunding,
      roles: REGION_ADMINS,
    },
    {
      order: 89,
      path: '/funding/apply',
      icon: <FundOutlined aria-hidden />,
      label: (t) => t.menuFundingApply,
      roles: ['org_admin'],
    },
  ],
  tabs: [
    {
      place: 'more',
      order: 66,
      path: '/m/funding/reviews',
      icon: <AuditOutlined aria-hidden />,
      label: (t) => t.tabFundingReviews,
    },
    {
      place: 'more',
      order: 67,
      path: '/m/funding/ten-best',
      icon: <TrophyOutlined aria-hidden />,
      label: (t) => t.tabTenBest,
    },
  ],
};
