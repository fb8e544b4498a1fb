import type { ColumnType, Generated } from 'kysely';

/** Table types of the training migration (modules/training); see schema.ts. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DateText = ColumnType<string, string, string>;

export interface QualificationTypesTable {
  code: string;
  name_zh_cn: string;
  name_zh_hk: string;
  name_en: string;
  validity_months: number | null;
  sort: Generated<number>;
}

export interface QuizQuestion {
  text: string;
  options: string[];
  answer: number;
}

export interface TrainingCoursesTable {
  id: Generated<string>;
  owner_org_id: string | null;
  owner_region_code: string | null;
  region_code: string;
  title: string;
  description: Generated<string>;
  mode: 'online' | 'offline';
  material: Generated<string>;
  material_url: string | null;
  /** Written as JSON text, read as the parsed list. */
  quiz: ColumnType<QuizQuestion[], string | undefined, string>;
  pass_mark: Generated<number>;
  activity_id: string | null;
  qualification_code: string | null;
  status: Generated<'draft' | 'published'>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TrainingAttemptsTable {
  id: Generated<string>;
  course_id: string;
  volunteer_id: string;
  answers: ColumnType<number[], string, string>;
  correct: number;
  passed: boolean;
  created_at: Timestamp;
}

export interface CourseCompletionsTable {
  id: Generated<string>;
  course_id: string;
  volunteer_id: string;
  method: 'quiz' | 'attendance';
  attempt_id: string | null;
  attendance_id: string | null;
  recorded_by: string | null;
  /** 1 for the first completion of the course, then 2, 3… for each renewal. */
  round: Generated<number>;
  created_at: Timestamp;
}

export interface QualificationClaimsTable {
  id: Generated<string>;
  volunteer_id: string;
  type_code: string;
  issuer: string;
  certificate_no: string;
  issued_on: DateText;
  expires_on: DateText | null;
  photo_mime: string;
  photo: Buffer;
  status: Generated<'pending' | 'approved' | 'rejected'>;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_note: string | null;
  created_at: Timestamp;
}

export interface QualificationsTable {
  id: Generated<string>;
  volunteer_id: string;
  type_code: string;
  issued_at: Timestamp;
  expires_at: Date | null;
  completion_id: string | null;
  claim_id: string | null;
  granted_by: string | null;
  created_at: Timestamp;
}

export interface QualificationRevocationsTable {
  qualification_id: string;
  reason: string;
  revoked_by: string;
  created_at: Timestamp;
}

/** Expiry notice sent for a qualification (once each). */
export interface QualificationExpiryNoticesTable {
  qualification_id: string;
  sent_at: Timestamp;
}

export interface TrainingTables {
  qualification_types: QualificationTypesTable;
  training_courses: TrainingCoursesTable;
  training_attempts: TrainingAttemptsTable;
  course_completions: CourseCompletionsTable;
  qualification_claims: QualificationClaimsTable;
  qualifications: QualificationsTable;
  qualification_revocations: QualificationRevocationsTable;
  qualification_expiry_notices: QualificationExpiryNoticesTable;
}
