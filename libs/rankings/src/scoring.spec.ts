import { fromCents, toCents } from '@app/core';
import { DEFAULT_WEIGHTS, emptyFigures, Figures, Targets } from './figures';
import { applyRankChanges, rank, scoreBureau } from './scoring';

const targets = (overrides: Partial<Targets> = {}): Targets => ({
  visits: '0',
  newLeads: '0',
  signedCount: '0',
  signedAmount: '0',
  startedCount: '0',
  fundsInPlace: '0',
  ...overrides,
});
const figures = (overrides: Partial<Figures> = {}): Figures => ({ ...emptyFigures(), ...overrides });
const bureau = (code: string) => ({ code, name: `第${code}局` });

describe('scoring', () => {
  it('takes off each accountability weight per order, after the weighted completion', () => {
    const input = {
      bureau: bureau('B01'),
      targets: targets({ visits: '100' }),
      figures: figures({ visits: 100, ordersOverdue: 2, ordersClosedLate: 1 }),
      ytdFigures: figures({ visits: 100 }),
    };
    const untouched = scoreBureau(input, DEFAULT_WEIGHTS, 1, 1);
    expect(untouched.score).toBe(100);
    expect(untouched.scoreBreakdown.deductions).toEqual([]);
    const deducted = scoreBureau(input, { ...DEFAULT_WEIGHTS, ordersOverdue: 4, ordersClosedLate: 1.5 }, 1, 1);
    // 100 − (4 × 2 + 1.5 × 1)
    expect(deducted.score).toBe(90.5);
    expect(deducted.scoreBreakdown.deductions).toEqual([
      { metric: 'ordersOverdue', weight: 4, count: 2, points: 8 },
      { metric: 'ordersClosedLate', weight: 1.5, count: 1, points: 1.5 },
    ]);
    // a bureau without assessed figures still loses the points
    const bare = scoreBureau({ ...input, targets: null }, { ...DEFAULT_WEIGHTS, ordersOverdue: 4 }, 1, 1);
    expect(bare.score).toBe(-8);
  });

  it('weights each capped completion (hand-computed: 110.00)', () => {
    const scored = scoreBureau(
      {
        bureau: bureau('B01'),
        targets: targets({
          visits: '100',
          newLeads: '20',
          signedCount: '10',
          signedAmount: '50000.00',
          startedCount: '5',
          fundsInPlace: '20000.00',
        }),
        figures: figures({
          visits: 50,
          newLeads: 4,
          signedCount: 15,
          signedAmount: '100000.00',
          startedCount: 5,
          fundsInPlace: '10000.00',
        }),
        ytdFigures: figures({
          visits: 50,
          newLeads: 4,
          signedCount: 15,
          signedAmount: '100000.00',
          startedCount: 5,
          fundsInPlace: '10000.00',
        }),
      },
      DEFAULT_WEIGHTS,
      1,
      1,
    );
    // 10×0.5 + 20×1.5 + 30×min(2.0, 1.5) + 20×1.0 + 20×0.5 = 110 over weights summing to 100
    expect(scored.score).toBe(110);
    expect(scored.completion).toEqual({
      visits: 0.5,
      newLeads: 0.2,
      signedCount: 1.5,
      signedAmount: 2,
      startedCount: 1,
      fundsInPlace: 0.5,
    });
    expect(scored.behindMetrics).toEqual(['visits', 'newLeads', 'fundsInPlace']);
    expect(scored.behind).toBe(true);
  });

  it('caps every metric at 1.5, so the score never passes 150', () => {
    const scored = scoreBureau(
      {
        bureau: bureau('B01'),
        targets: targets({
          visits: '1',
          signedCount: '1',
          signedAmount: '1.00',
          startedCount: '1',
          fundsInPlace: '1.00',
        }),
        figures: figures({
          visits: 999,
          signedCount: 999,
          signedAmount: '999999.00',
          startedCount: 999,
          fundsInPlace: '999999.00',
        }),
        ytdFigures: figures(),
      },
      DEFAULT_WEIGHTS,
      1,
      1,
    );
    expect(scored.score).toBe(150);
  });

  it('leaves a metric with a zero target out of the score instead of dividing by zero', () => {
    const scored = scoreBureau(
      {
        bureau: bureau('B02'),
        targets: targets({ visits: '100' }),
        figures: figures({ visits: 100, signedAmount: '500.00' }),
        ytdFigures: figures({ visits: 100 }),
      },
      DEFAULT_WEIGHTS,
      1,
      1,
    );
    expect(scored.score).toBe(100);
    expect(scored.completion.signedAmount).toBeNull();
    expect(scored.behind).toBe(false);
  });

  it('scores 0 for a bureau without targets', () => {
    const scored = scoreBureau(
      { bureau: bureau('B03'), targets: null, figures: figures({ visits: 10 }), ytdFigures: figures({ visits: 10 }) },
      DEFAULT_WEIGHTS,
      1,
      1,
    );
    expect(scored).toMatchObject({ score: 0, behind: false });
  });

  it('scales the annual target to the period: on pace for a week scores 100', () => {
    const scored = scoreBureau(
      {
        bureau: bureau('B01'),
        targets: targets({ visits: '365' }),
        figures: figures({ visits: 7 }),
        ytdFigures: figures({ visits: 150 }),
      },
      DEFAULT_WEIGHTS,
      7 / 365,
      0.5,
    );
    expect(scored.score).toBe(100);
    // 150 of 365 visits by mid-year is below half: behind on 时序进度
    expect(scored.completion.visits).toBeCloseTo(0.411, 3);
    expect(scored.behind).toBe(true);
  });

  it('is not behind when every year-to-date rate keeps pace with the calendar', () => {
    const scored = scoreBureau(
      {
        bureau: bureau('B01'),
        targets: targets({ visits: '100', signedCount: '10' }),
        figures: figures(),
        ytdFigures: figures({ visits: 50, signedCount: 5 }),
      },
      DEFAULT_WEIGHTS,
      7 / 365,
      0.5,
    );
    expect(scored).toMatchObject({ behind: false, behindMetrics: [], score: 0 });
  });

  const rowOf = (code: string, score: number, signedAmount: string) => ({
    bureau: bureau(code),
    figures: figures({ signedAmount }),
    completion: {} as never,
    completionPeriod: {} as never,
    score,
    scoreBreakdown: { weightSum: 0, terms: [], deductions: [] },
    behind: false,
    behindMetrics: [],
  });

  it('ranks by score, then signed amount; bureaus equal on both share a rank, listed by code', () => {
    const ranked = rank(
      [
        rowOf('B03', 90, '10.00'),
        rowOf('B01', 95, '5.00'),
        rowOf('B04', 90, '10.00'),
        rowOf('B02', 90, '20.00'),
        rowOf('B05', 80, '0.00'),
      ],
      new Map([
        ['B01', 4],
        ['B02', 1],
        ['B03', 2],
      ]),
    );
    expect(ranked.map((r) => [r.bureau.code, r.rank, r.rankChange])).toEqual([
      ['B01', 1, 3],
      ['B02', 2, -1],
      ['B03', 3, -1],
      ['B04', 3, null],
      ['B05', 5, null],
    ]);
  });

  it('shows no rank change for bureaus tied at 0 in both periods (not ↓1, not −7)', () => {
    const codes = ['B01', 'B02', 'B03', 'B04', 'B05', 'B06', 'B07', 'B08'];
    const before = rank(codes.map((code) => rowOf(code, 0, '0.00')));
    expect(before.map((r) => r.rank)).toEqual(codes.map(() => 1));
    const after = rank(
      codes.map((code) => rowOf(code, 0, '0.00')),
      new Map(before.map((r) => [r.bureau.code, r.rank])),
    );
    expect(after.map((r) => [r.rank, r.rankChange])).toEqual(codes.map(() => [1, 0]));
    // two bureaus leave the tie at 0: they move up, the six still tied at 0 show no change (not ↓2)
    const moved = rank(codes.map((code) => rowOf(code, code === 'B07' || code === 'B08' ? 50 : 0, '0.00')));
    applyRankChanges(moved, before);
    expect(moved.map((r) => [r.bureau.code, r.rank, r.rankChange])).toEqual([
      ['B07', 1, 0],
      ['B08', 1, 0],
      ['B01', 3, 0],
      ['B02', 3, 0],
      ['B03', 3, 0],
      ['B04', 3, 0],
      ['B05', 3, 0],
      ['B06', 3, 0],
    ]);
  });

  it('states every term of the score, so that a reader recomputes it from the API fields', () => {
    const scored = scoreBureau(
      {
        bureau: bureau('B01'),
        targets: targets({ visits: '365', signedAmount: '36500.00', signedCount: '3', fundsInPlace: '1000.00' }),
        figures: figures({ visits: 9, signedAmount: '1234.56', signedCount: 1 }),
        ytdFigures: figures({ visits: 100, signedAmount: '20000.00', signedCount: 2 }),
      },
      DEFAULT_WEIGHTS,
      7 / 365,
      0.9,
    );
    const { weightSum, terms } = scored.scoreBreakdown;
    expect(terms.map((t) => t.metric).sort()).toEqual(['fundsInPlace', 'signedAmount', 'signedCount', 'visits']);
    expect(weightSum).toBe(10 + 30 + 20 + 20);
    let recomputed = 0;
    for (const term of terms) {
      expect(term.periodTarget).toBeCloseTo((term.annualTarget * 7) / 365, 4);
      expect(term.cappedRatio).toBe(Math.min(term.actual / term.periodTarget, 1.5));
      recomputed += (term.weight * Math.min(term.actual / term.periodTarget, 1.5) * 100) / weightSum;
    }
    expect(Math.round(recomputed * 100) / 100).toBe(scored.score);
    expect(terms.reduce((sum, t) => sum + t.points, 0)).toBeCloseTo(scored.score, 2);
    // the period's completion is against the period-scaled target; the year's against the annual one
    expect(scored.completionPeriod.visits).toBeCloseTo(9 / 7, 4);
    expect(scored.completion.visits).toBeCloseTo(100 / 365, 4);
    expect(scored.completionPeriod.signedAmount).toBeCloseTo(1234.56 / 700, 4);
  });

  it('adds amounts exactly', () => {
    const sum = ['0.10', '0.20', '12500.05', '0.65'].reduce((total, a) => total + toCents(a), 0n);
    expect(fromCents(sum)).toBe('12501.00');
    expect(fromCents(toCents('-3.5'))).toBe('-3.50');
    expect(() => toCents('1.234')).toThrow(RangeError);
  });
});
