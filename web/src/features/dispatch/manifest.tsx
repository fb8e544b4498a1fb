import { lazy } from 'react';
import { Route } from 'react-router';
import {
  CustomerServiceOutlined,
  GiftOutlined,
  InboxOutlined,
  ProfileOutlined,
  ShoppingCartOutlined,
} from '@ant-design/icons';
import { only, type FeatureManifest } from '../shell/feature.tsx';

const MenuPage = lazy(() => import('./MenuPage.tsx'));
const OrderFormPage = lazy(() => import('./OrderFormPage.tsx'));
const MyOrdersPage = lazy(() => import('./MyOrdersPage.tsx'));
const BoardPage = lazy(() => import('./BoardPage.tsx'));
const OrderPage = lazy(() => import('./OrderPage.tsx'));
const TeamInboxPage = lazy(() => import('./TeamInboxPage.tsx'));
const MyInvitationsPage = lazy(() => import('./MyInvitationsPage.tsx'));
const ProxyOrderPage = lazy(() => import('./ProxyOrderPage.tsx'));
const MenuManagePage = lazy(() => import('./MenuManagePage.tsx'));
const TeamOffersPage = lazy(() => import('./TeamOffersPage.tsx'));

/** 群众点单 (server module dispatch): residents order and rate; units review and dispatch; teams serve. */
export const manifest: FeatureManifest = {
  name: 'dispatch',
  mobile: (
    <>
      <Route path="orders" element={<MyOrdersPage />} />
      <Route path="orders/menu" element={<MenuPage />} />
      <Route path="orders/new" element={<OrderFormPage />} />
      <Route path="orders/invitations" element={<MyInvitationsPage />} />
    </>
  ),
  console: (
    <>
      <Route path="dispatch" element={only(['region_admin'], <BoardPage />)} />
      <Route path="dispatch/orders/:id" element={only(['region_admin'], <OrderPage />)} />
      <Route path="dispatch/proxy" element={only(['region_admin'], <ProxyOrderPage />)} />
      <Route path="dispatch/menu" element={only(['region_admin'], <MenuManagePage />)} />
      <Route path="dispatch/team" element={only(['org_admin'], <TeamInboxPage />)} />
      <Route path="dispatch/offers" element={only(['org_admin'], <TeamOffersPage />)} />
    </>
  ),
  nav: [
    {
      order: 55,
      path: '/dispatch',
      icon: <CustomerServiceOutlined aria-hidden />,
      label: (t) => t.menuDispatch,
      roles: ['region_admin'],
    },
    {
      order: 55.5,
      path: '/dispatch/menu',
      icon: <ProfileOutlined aria-hidden />,
      label: (t) => t.menuDispatchMenu,
      roles: ['region_admin'],
    },
    {
      order: 56,
      path: '/dispatch/team',
      icon: <InboxOutlined aria-hidden />,
      label: (t) => t.menuTeamOrders,
      roles: ['org_admin'],
    },
    {
      order: 56.5,
      path: '/dispatch/offers',
      icon: <GiftOutlined aria-hidden />,
      label: (t) => t.menuTeamOffers,
      roles: ['org_admin'],
    },
  ],
  tabs: [
    {
      place: 'more',
      order: 5,
      path: '/m/orders',
      icon: <ShoppingCartOutlined aria-hidden />,
      label: (t) => t.tabOrders,
    },
  ],
};
