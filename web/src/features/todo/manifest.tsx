import { lazy } from 'react';
import { Route } from 'react-router';
import { CheckSquareOutlined } from '@ant-design/icons';
import { TEAM_ADMINS } from '../shell/access.ts';
import { only, type FeatureManifest } from '../shell/feature.tsx';

const TodoPage = lazy(() => import('./TodoPage.tsx'));

/** The console home of region and organization admins: their to-do list (server module todo). */
export const manifest: FeatureManifest = {
  name: 'todo',
  console: <Route path="todo" element={only(TEAM_ADMINS, <TodoPage />)} />,
  nav: [
    {
      order: 5,
      path: '/todo',
      icon: <CheckSquareOutlined aria-hidden />,
      label: (t) => t.menuTodo,
      roles: TEAM_ADMINS,
    },
  ],
};
