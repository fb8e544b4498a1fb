import { Route } from 'react-router-dom';

/** Console pages for publishing activities, sign-ups and attendance (inside the console shell). */
export const consoleActivityRoutes = <></>;
void Route;
