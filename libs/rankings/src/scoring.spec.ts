import { fromCents, toCents } from '@app/core';
import { DEFAULT_WEIGHTS, emptyFigures, Figures, Targets } from './figures';
import { rank, scoreBureau } from './scoring';

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

  it('ranks by score, then signed amount, then bureau code, with the change of rank', () => {
    const row = (code: string, score: number, signedAmount: string) => ({
      bureau: bureau(code),
      figures: figures({ signedAmount }),
      completion: {} as never,
      score,
      behind: false,
      behindMetrics: [],
    });
    const ranked = rank(
      [row('B03', 90, '10.00'), row('B01', 95, '5.00'), row('B04', 90, '10.00'), row('B02', 90, '20.00')],
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
      ['B04', 4, null],
    ]);
  });

  it('adds amounts exactly', () => {
    const sum = ['0.10', '0.20', '12500.05', '0.65'].reduce((total, a) => total + toCents(a), 0n);
    expect(fromCents(sum)).toBe('12501.00');
    expect(fromCents(toCents('-3.5'))).toBe('-3.50');
    expect(() => toCents('1.234')).toThrow(RangeError);
  });
});
