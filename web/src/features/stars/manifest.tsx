import { lazy } from 'react';
import { Route } from 'react-router';
import { StarOutlined, TrophyOutlined } from '@ant-design/icons';
import { REGION_ADMINS } from '../shell/access.ts';
import { only, type FeatureManifest } from '../shell/feature.tsx';

const MyStarsPage = lazy(() => import('./MyStarsPage.tsx'));
const StarReviewPage = lazy(() => import('./StarReviewPage.tsx'));
const HonoursPage = lazy(() => import('./HonoursPage.tsx'));
const NoticePage = lazy(() => import('./NoticePage.tsx'));

export const manifest: FeatureManifest = {
  name: 'stars',
  // The public notice of star candidates (公示): anyone reads it, signed-in people object.
  public: <Route path="/stars/notices" element={<NoticePage />} />,
  mobile: <Route path="stars" element={<MyStarsPage />} />,
  console: (
    <>
      <Route path="stars" element={only(REGION_ADMINS, <StarReviewPage />)} />
      <Route path="honours" element={only(REGION_ADMINS, <HonoursPage />)} />
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
