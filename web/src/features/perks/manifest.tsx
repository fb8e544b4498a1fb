import { lazy } from 'react';
import { Route } from 'react-router';
import { GiftOutlined, IdcardOutlined, ShopOutlined } from '@ant-design/icons';
import { REGION_ADMINS } from '../shell/access.ts';
import { only, type FeatureManifest } from '../shell/feature.tsx';

const MyPerksPage = lazy(() => import('./MyPerksPage.tsx'));
const CardPage = lazy(() => import('./CardPage.tsx'));
const DeskPage = lazy(() => import('./DeskPage.tsx'));
const PartnersPage = lazy(() => import('./PartnersPage.tsx'));
const CardCheckPage = lazy(() => import('./CardCheckPage.tsx'));

export const manifest: FeatureManifest = {
  name: 'perks',
  // The volunteer card's QR links here: anyone scanning it sees valid/invalid, a masked name and stars.
  public: <Route path="/card-check" element={<CardCheckPage />} />,
  mobile: (
    <>
      <Route path="perks" element={<MyPerksPage />} />
      <Route path="card" element={<CardPage />} />
      {/* A partner's counter staff hold no role: the page lists the partners the account staffs. */}
      <Route path="desk" element={<DeskPage />} />
    </>
  ),
  console: <Route path="partners" element={only(REGION_ADMINS, <PartnersPage />)} />,
  nav: [
    {
      order: 76,
      path: '/partners',
      icon: <ShopOutlined aria-hidden />,
      label: (t) => t.menuPartners,
      roles: REGION_ADMINS,
    },
  ],
  tabs: [
    {
      place: 'more',
      order: 23,
      path: '/m/perks',
      icon: <GiftOutlined aria-hidden />,
      label: (t) => t.tabPerks,
    },
    {
      place: 'more',
      order: 24,
      path: '/m/card',
      icon: <IdcardOutlined aria-hidden />,
      label: (t) => t.tabCard,
    },
    {
      place: 'more',
      order: 25,
      path: '/m/desk',
      icon: <ShopOutlined aria-hidden />,
      label: (t) => t.tabDesk,
    },
  ],
};
