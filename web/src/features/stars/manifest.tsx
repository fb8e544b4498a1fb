import { lazy } from 'react';
import { Route } from 'react-router';
import { StarOutlined, TrophyOutlined } from '@ant-design/icons';
import { REGION_ADMINS } from '../shell/access.ts';
import type { Role } from '@yiqi/shared/roles';
import { only, type FeatureManifest } from '../shell/feature.tsx';

const MyStarsPage = lazy(() => import('./MyStarsPage.tsx'));
const StarReviewPage = lazy(() => import('./StarReviewPage.tsx'));
const HonoursPage = lazy(() => import('./HonoursPage.tsx'));
const NoticePage = lazy(() => import('./NoticePage.tsx'));
const NominatePage = lazy(() => import('./NominatePage.tsx'));
const PublishedHonoursPage = lazy(() => import('./PublishedHonoursPage.tsx'));

// An organization's admins nominate for honours (the API also lets a region admin act for one).
const ORG_ADMINS: readonly Role[] = ['org_admin'];

export const manifest: FeatureManifest = {
  name: 'stars',
  // The public notice of star candidates (公示): anyone reads it, signed-in people object.
  // The published honours: anyone reads them.
  public: (
    <>
      <Route path="/stars/notices" element={<NoticePage />} />
      <Route path="/m/honours" element={<PublishedHonoursPage />} />
    </>
  ),
  mobile: <Route path="stars" element={<MyStarsPage />} />,
  console: (
    <>
      <Route path="stars" element={only(REGION_ADMINS, <StarReviewPage />)} />
      <Route path="honours" element={only(REGION_ADMINS, <HonoursPage />)} />
      <Route path="honours/nominate" element={only(ORG_ADMINS, <NominatePage />)} />
    </>
  ),
  nav: [
    {
      order: 72,
      path: '/stars',
      icon: <StarOutlined aria-hidden />,
      label: (t) => t.menuStars,
      roles: REGION_ADMINS,
    },
    {
      order: 74,
      path: '/honours',
      icon: <TrophyOutlined aria-hidden />,
      label: (t) => t.menuHonours,
      roles: REGION_ADMINS,
    },
    {
      order: 75,
      path: '/honours/nominate',
      icon: <TrophyOutlined aria-hidden />,
      label: (t) => t.menuNominate,
      roles: ORG_ADMINS,
    },
  ],
  tabs: [
    {
      place: 'more',
      order: 22,
      path: '/m/stars',
      icon: <StarOutlined aria-hidden />,
      label: (t) => t.tabStars,
    },
  ],
};
