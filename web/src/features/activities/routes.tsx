import { Route } from 'react-router-dom';

/** Volunteer-area activity pages that need a signed-in account (inside the /m shell). */
export const mobileActivityRoutes = <></>;

/** Activity pages anyone may open, signed in or not. */
export const publicActivityRoutes = <></>;
void Route;
