import type { ColumnType, Generated } from 'kysely';

/** Table types of the funding migration (modules/funding); see schema.ts. Money is integer fen. */
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** bigint: text from pg, a number from PGlite; the repository reads it through Number(). */
type Fen = ColumnType<string | number, number, number>;
type GeneratedFen = ColumnType<string | number, number | undefined, number>;

export interface FundingRoundsTable {
  id: Generated<string>;
  region_code: string;
  region_level: number;
  name: string;
  year: number;
  budget_fen: Fen;
  awarded_fen: GeneratedFen;
  opens_at: Timestamp;
  closes_at: Timestamp;
  state: Generated<'draft' | 'open' | 'reviewing' | 'awarded' | 'closed'>;
  ten_best_published_at: NullableTimestamp;
  created_by: string;
  created_at: GeneratedTimestamp;
  /** The foundation running the round (its admins own it); null: the region's level body. */
  funder_org_id: string | null;
}

export interface FundingCriteriaTable {
  id: Generated<string>;
  round_id: string;
  position: number;
  name: string;
  weight: number;
  max_score: number;
}

export interface FundingTiersTable {
  id: Generated<string>;
  round_id: string;
  position: number;
  name: string;
  cap_fen: Fen;
  count: number;
  awarded: Generated<number>;
}

export interface FundingProposalsTable {
  id: Generated<string>;
  round_id: string;
  org_id: string;
  tier_id: string;
  title: string;
  summary: string;
  goals: string;
  budget_lines: ColumnType<{ item: string; amountFen: number }[], string, string>;
  budget_fen: Fen;
  state: Generated<'draft' | 'submitted' | 'returned' | 'passed' | 'withdrawn' | 'awarded'>;
  review_reason: string | null;
  reviewed_by: string | null;
  submitted_at: NullableTimestamp;
  created_by: string;
  created_at: GeneratedTimestamp;
}

export interface FundingReviewersTable {
  round_id: string;
  user_id: string;
  assigned_by: string;
  assigned_at: GeneratedTimestamp;
}

export interface FundingDeclarationsTable {
  proposal_id: string;
  reviewer_id: string;
  conflict: boolean;
  note: string;
  declared_at: Timestamp;
}

export interface FundingScoresTable {
  proposal_id: string;
  reviewer_id: string;
  no_conflict: Generated<boolean>;
  criterion_id: string;
  score: number;
  scored_at: Timestamp;
}

export interface FundingAwardsTable {
  proposal_id: string;
  round_id: string;
  tier_id: string;
  amount_fen: Fen;
  awarded_by: string;
  awarded_at: Timestamp;
}

export interface FundingMilestonesTable {
  id: Generated<string>;
  proposal_id: string;
  title: string;
  deliverable: string;
  due_on: ColumnType<string, string, string>;
  created_by: string;
  created_at: GeneratedTimestamp;
}

export interface FundingReportsTable {
  id: Generated<string>;
  milestone_id: string;
  text: string;
  state: Generated<'submitted' | 'accepted' | 'returned'>;
  reason: string | null;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  submitted_by: string;
  created_at: Timestamp;
}

export interface FundingAttachmentsTable {
  id: Generated<string>;
  proposal_id: string;
  report_id: string | null;
  name: string;
  mime: string;
  bytes: Buffer;
  created_by: string;
  created_at: GeneratedTimestamp;
}

export interface FundingEvaluationsTable {
  proposal_id: string;
  score: number;
  comment: string;
  evaluated_by: string;
  evaluated_at: Timestamp;
}

export interface FundingTables {
  funding_rounds: FundingRoundsTable;
  funding_criteria: FundingCriteriaTable;
  funding_tiers: FundingTiersTable;
  funding_proposals: FundingProposalsTable;
  funding_reviewers: FundingReviewersTable;
  funding_declarations: FundingDeclarationsTable;
  funding_scores: FundingScoresTable;
  funding_awards: FundingAwardsTable;
  funding_milestones: FundingMilestonesTable;
  funding_reports: FundingReportsTable;
  funding_attachments: FundingAttachmentsTable;
  funding_evaluations: FundingEvaluationsTable;
}
