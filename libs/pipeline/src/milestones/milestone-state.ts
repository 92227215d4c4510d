import { daysBetween } from '@app/core';

/**
 * How a node stands against its plan: 提前 (done before the planned date), 按期 (on it), 滞后 (done after it, or
 * still open past it), 未到期 (open, the planned date still ahead), 未计划 (no planned date).
 */
export type MilestoneTiming = 'early' | 'on_time' | 'late' | 'pending' | 'unplanned';

export const MILESTONE_TIMING_LABELS: Record<MilestoneTiming, string> = {
  early: '提前',
  on_time: '按期',
  late: '滞后',
  pending: '未到期',
  unplanned: '未计划',
};

export type MilestoneLight = 'red' | 'yellow';

export interface MilestoneState {
  /** Whether the node was done by `today`. */
  done: boolean;
  timing: MilestoneTiming;
  /** Days early or late (to the actual date, or to today while open), or days left while pending; null unplanned. */
  days: number | null;
  /** Open past the planned date: yellow, `redDays` or more days past: red. */
  light: MilestoneLight | null;
  /** 提前 3 天, 按期, 滞后 12 天, 未到期（还有 5 天）, 未计划. */
  label: string;
}

/**
 * A node's state on the business day `today` (YYYY-MM-DD, Asia/Shanghai): an actual date after today (an earlier
 * day's view) counts as not done yet. Pure: the dates are calendar days, so the difference is whole days.
 */
export function milestoneState(
  plannedDate: string | null,
  actualDate: string | null,
  today: string,
  redDays: number,
): MilestoneState {
  const done = actualDate !== null && actualDate <= today;
  if (plannedDate === null) return { done, timing: 'unplanned', days: null, light: null, label: '未计划' };
  if (done) {
    const diff = daysBetween(plannedDate, actualDate);
    const early = daysBetween(actualDate, plannedDate);
    if (diff < 0) return { done, timing: 'early', days: early, light: null, label: `提前 ${early} 天` };
    if (diff === 0) return { done, timing: 'on_time', days: 0, light: null, label: '按期' };
    return { done, timing: 'late', days: diff, light: null, label: `滞后 ${diff} 天` };
  }
  const past = daysBetween(plannedDate, today);
  if (past <= 0) {
    const left = daysBetween(today, plannedDate);
    return { done, timing: 'pending', days: left, light: null, label: `未到期（还有 ${left} 天）` };
  }
  const light: MilestoneLight = past >= redDays ? 'red' : 'yellow';
  return { done, timing: 'late', days: past, light, label: `滞后 ${past} 天（未完成）` };
}
