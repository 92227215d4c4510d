import { milestoneState } from './milestone-state';

describe(milestoneState.name, () => {
  const today = '2026-11-26';

  it('compares a done node with its plan: early, on time, late', () => {
    expect(milestoneState('2026-10-10', '2026-10-07', today, 15)).toMatchObject({
      done: true,
      timing: 'early',
      days: 3,
      light: null,
      label: '提前 3 天',
    });
    expect(milestoneState('2026-10-10', '2026-10-10', today, 15)).toMatchObject({ timing: 'on_time', days: 0 });
    expect(milestoneState('2026-10-10', '2026-10-22', today, 15)).toMatchObject({
      done: true,
      timing: 'late',
      days: 12,
      light: null,
    });
  });

  it('counts calendar days across months and years', () => {
    expect(milestoneState('2025-12-31', '2026-01-01', today, 15)).toMatchObject({ timing: 'late', days: 1 });
    expect(milestoneState('2026-03-01', '2026-02-28', today, 15)).toMatchObject({ timing: 'early', days: 1 });
  });

  it('lights an open node past its plan: yellow, red from the red days on', () => {
    expect(milestoneState('2026-11-26', null, today, 15)).toMatchObject({ done: false, timing: 'pending', days: 0 });
    expect(milestoneState('2026-11-25', null, today, 15)).toMatchObject({ timing: 'late', days: 1, light: 'yellow' });
    expect(milestoneState('2026-11-12', null, today, 15)).toMatchObject({ days: 14, light: 'yellow' });
    expect(milestoneState('2026-11-11', null, today, 15)).toMatchObject({ days: 15, light: 'red' });
    expect(milestoneState('2026-11-11', null, today, 30)).toMatchObject({ days: 15, light: 'yellow' });
  });

  it('leaves nodes ahead of their plan or without one unlit', () => {
    expect(milestoneState('2026-12-01', null, today, 15)).toMatchObject({
      timing: 'pending',
      days: 5,
      light: null,
      label: '未到期（还有 5 天）',
    });
    expect(milestoneState(null, null, today, 15)).toMatchObject({ timing: 'unplanned', days: null, light: null });
    expect(milestoneState(null, '2026-11-01', today, 15)).toMatchObject({ done: true, timing: 'unplanned' });
  });

  it('sees an actual date after the day as not done yet (a past day’s view)', () => {
    expect(milestoneState('2026-11-01', '2026-11-30', today, 15)).toMatchObject({
      done: false,
      timing: 'late',
      days: 25,
      light: 'red',
    });
  });
});
