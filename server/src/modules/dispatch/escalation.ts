import type { Locale } from '@yiqi/shared/i18n';
import { chinaDate } from '../../core/dates.ts';

/**
 * Escalation (issue 13 "Timers and escalation"; decision 0071): an order a unit still holds for review or
 * dispatch the item's escalate_days working days past its deadline moves to the unit above, one level at a
 * time: community station → street post → district centre (the top of the 中心/所/站 hierarchy; a centre is
 * reminded, never escalated past). The timeline entry is the system's (no person), its note the facts
 * (the deadline and the delay) stored as JSON and told in the reader's language.
 */

/** Levels whose units escalate to their parent: community (5) → street (4) → district (3). */
export const ESCALATES_FROM_LEVEL = 4;

export interface EscalationFacts {
  /** The deadline that passed (the stage's due date on the resident's clock). */
  dueAt: string;
  /** The delay in working days: past the deadline at the first unit, past its arrival at a later one. */
  afterDays: number;
}

export const escalationNoteOf = (f: EscalationFacts) => JSON.stringify(f);

/** The stored note in the reader's language; a note of another shape is shown as it is. */
export function escalationNote(note: string | null, locale: Locale): string | null {
  let f: EscalationFacts;
  try {
    f = JSON.parse(note ?? '') as EscalationFacts;
  } catch {
    return note;
  }
  if (typeof f?.dueAt !== 'string' || typeof f.afterDays !== 'number') return note;
  const day = chinaDate(new Date(f.dueAt));
  const n = f.afterDays;
  switch (locale) {
    case 'zh-HK':
      return `系統自動升級：辦理時限 ${day} 已過，又經 ${n} 個工作日仍未處理`;
    case 'en':
      return `Escalated by the system: deadline ${day} passed and still not handled ${n} working day${n === 1 ? '' : 's'} later`;
    default:
      return `系统自动升级：办理时限 ${day} 已过，又经 ${n} 个工作日仍未处理`;
  }
}
