/** The run's parameters and a community as the generator sees it (model.ts, seasons.ts, allocation.ts). */

export interface Params {
  seed: string;
  /** "Today" in China (YYYY-MM-DD): the period is the `years` × 365 days before it. */
  today: string;
  years: number;
  /** Share of registered volunteers with at least one confirmed record in the period. */
  active: number;
  hoursPerYear: number;
  /** Share of records that come from sign-up and check-in (the rest: paper sheets entered afterwards). */
  attendanceShare: number;
  /** Residents' satisfaction with services, 0–1: the share of ratings of 4–5 (orders.ts). */
  satisfaction: number;
}

export interface Community {
  code: string;
  name: string;
  street: { code: string; name: string };
  district: { code: string; name: string };
}
