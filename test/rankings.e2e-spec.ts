import { BureauStatDelta, BureauStatsRecorder, businessDateOf, Role, TransactionRunner } from '@app/core';
import { BureauRepository } from '@app/identity';
import { EVERY_DAY, markRollupChanged, RollupRepository } from '@app/rankings';
import { DataSource } from 'typeorm';
import { signedIn } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

describe('Rankings', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  let staff: { Authorization: string };

  const record = async (code: string, day: string, delta: BureauStatDelta) => {
    const bureau = await t.get(BureauRepository).findByCode(code);
    await t.get(TransactionRunner).run((tx) => t.get(BureauStatsRecorder).record(tx, bureau!.id, day, delta));
  };
  const target = (bureauCode: string, visits: number, signedAmount: string) => ({
    bureauCode,
    visits,
    newLeads: 0,
    signedCount: 0,
    signedAmount,
    startedCount: 0,
    fundsInPlace: '0',
  });

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await signedIn(t, { role: Role.Admin })).auth;
    staff = (await signedIn(t, { role: Role.Staff, bureauCode: 'B05' })).auth;
    await t.http
      .put('/api/v1/targets?year=2026')
      .set(admin)
      .send({ items: [target('B01', 365, '36500.00'), target('B02', 365, '36500.00'), target('B03', 365, '0')] })
      .expect(200);

    // week 2026-W48 runs Monday 2026-11-23 to Monday 2026-11-30 (+08:00)
    await record('B01', '2026-11-24', { visits: 7, signedAmount: '1400.00', signedCount: 1 });
    await record('B02', '2026-11-25', { visits: 13, signedAmount: '350.00' });
    await record('B03', '2026-11-23', { visits: 7 });
    // Sunday 23:30 in Fuxin is 15:30 UTC: still week 48. Monday 00:10 is Sunday 16:10 UTC: week 49.
    await record('B02', businessDateOf(new Date('2026-11-29T15:30:00Z'), 'Asia/Shanghai'), { visits: 1 });
    await record('B02', businessDateOf(new Date('2026-11-29T16:10:00Z'), 'Asia/Shanghai'), { visits: 1 });
    // week 47
    await record('B02', '2026-11-18', { visits: 7 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('scores, ranks and compares the week by hand-computed figures', async () => {
    const response = await t.http.get('/api/v1/rankings?period=week&date=2026-11-26').set(staff).expect(200);
    expect(response.body.period).toEqual({ kind: 'week', from: '2026-11-23', to: '2026-11-30', label: '2026-W48' });
    expect(response.body.previous.label).toBe('2026-W47');
    const rows = response.body.rows as {
      bureau: { code: string };
      rank: number;
      rankChange: number;
      score: number;
      figures: Record<string, unknown>;
    }[];
    expect(rows).toHaveLength(10);
    const byCode = Object.fromEntries(rows.map((r) => [r.bureau.code, r]));
    // B01: visits 7/7 → 1.0, signed 1400/700 → capped 1.5: (10×1 + 30×1.5) / 40 × 100
    expect(byCode.B01).toMatchObject({ score: 137.5, rank: 1, rankChange: 1 });
    // B03: only visits assessed (zero amount target): 7/7; last week it shared 2nd place with the bureaus
    // tied at 0 (equal on score and signed amount share a rank), so it is 2nd again: no change
    expect(byCode.B03).toMatchObject({ score: 100, rank: 2, rankChange: 0 });
    // B02: 14 visits (Sunday night counted, Monday 00:10 not) → 1.5; signed 350/700 → 0.5: (15 + 15) / 40 × 100
    expect(byCode.B02).toMatchObject({ score: 75, rank: 3, rankChange: -2 });
    expect(byCode.B02.figures).toMatchObject({ visits: 14, signedAmount: '350.00' });
    // no targets: score 0 and no signed amount, tied at 0 in both weeks: a shared rank and no change
    expect(byCode.B04).toMatchObject({ score: 0, rank: 4, rankChange: 0 });
    expect(rows.filter((r) => r.rank === 4).map((r) => r.rankChange)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(rows.map((r) => r.bureau.code)).toEqual([
      'B01',
      'B03',
      'B02',
      'B04',
      'B05',
      'B06',
      'B07',
      'B08',
      'B09',
      'B10',
    ]);
  });

  it('states the score term by term with the period-scaled targets, so that a reader recomputes it', async () => {
    const response = await t.http.get('/api/v1/rankings?period=week&date=2026-11-26').set(staff).expect(200);
    expect(response.body.scoreFormula).toContain('min(实际ₖ ÷ 期间目标ₖ, 1.5)');
    expect(response.body.periodShare).toBeCloseTo(7 / 365, 6);
    type Term = { weight: number; actual: number; annualTarget: number; periodTarget: number; cappedRatio: number };
    for (const row of response.body.rows as {
      score: number;
      scoreBreakdown: { weightSum: number; terms: Term[] };
      completionPeriod: Record<string, number | null>;
      completionYtd: Record<string, number | null>;
      completion: Record<string, number | null>;
    }[]) {
      const { weightSum, terms } = row.scoreBreakdown;
      expect(weightSum).toBe(terms.reduce((sum, term) => sum + term.weight, 0));
      const recomputed = terms.reduce(
        (sum, term) => sum + (term.weight * Math.min(term.actual / term.periodTarget, 1.5) * 100) / weightSum,
        0,
      );
      expect(weightSum > 0 ? Math.round(recomputed * 100) / 100 : 0).toBe(row.score);
      for (const term of terms) expect(term.periodTarget).toBeCloseTo((term.annualTarget * 7) / 365, 4);
      expect(row.completionYtd).toEqual(row.completion);
    }
    const b01 = (response.body.rows as { bureau: { code: string }; completionPeriod: Record<string, number> }[]).find(
      (r) => r.bureau.code === 'B01',
    )!;
    // the week's completion is against the week's share of the target: 7 visits of 365 a year is on pace
    expect(b01.completionPeriod.visits).toBeCloseTo(1, 4);
  });

  it('shows year-to-date completion and 时序进度 on every period', async () => {
    const response = await t.http.get('/api/v1/rankings?period=ytd&date=2026-11-26').set(staff).expect(200);
    expect(response.body.yearElapsed).toBeCloseTo(330 / 365, 4);
    const b01 = response.body.rows.find((r: { bureau: { code: string } }) => r.bureau.code === 'B01');
    expect(b01.completion.visits).toBeCloseTo(7 / 365, 4);
    expect(b01.completion.signedCount).toBeNull();
    expect(b01).toMatchObject({ behind: true, behindMetrics: ['visits', 'signedAmount'] });
    const b04 = response.body.rows.find((r: { bureau: { code: string } }) => r.bureau.code === 'B04');
    expect(b04).toMatchObject({ behind: false, score: 0, completion: { visits: null } });
  });

  it('gives the same ranking after the deltas are folded into the daily rollup', async () => {
    const before = await t.http.get('/api/v1/rankings?period=month&date=2026-11-26').set(staff).expect(200);
    expect(await t.get(RollupRepository).compact()).toBeGreaterThan(0);
    const after = await t.http.get('/api/v1/rankings?period=month&date=2026-11-26').set(staff).expect(200);
    expect(after.body.rows).toEqual(before.body.rows);
    expect(await t.get(RollupRepository).compact()).toBe(0);
  });

  it('sums the settled rollup once per generation and still sees every write at once', async () => {
    const rollups = t.get(RollupRepository);
    const sums = jest.spyOn(rollups as unknown as { sumsOver: () => Promise<unknown> }, 'sumsOver');
    const visitsOf = async (code: string) => {
      const response = await t.http.get('/api/v1/rankings?period=quarter&date=2026-11-26').set(staff).expect(200);
      return response.body.rows.find((row: { bureau: { code: string } }) => row.bureau.code === code).figures.visits;
    };
    await rollups.compact();
    const before = await visitsOf('B04');
    const computed = sums.mock.calls.length;
    expect(await visitsOf('B04')).toBe(before);
    expect(sums.mock.calls.length).toBe(computed); // the same generation: the kept sums

    await record('B04', '2026-11-26', { visits: 2 });
    expect(await visitsOf('B04')).toBe(before + 2); // a delta not yet folded counts at once
    expect(sums.mock.calls.length).toBe(computed);

    await rollups.compact();
    expect(await visitsOf('B04')).toBe(before + 2); // folded: a new generation, summed again
    expect(sums.mock.calls.length).toBe(computed + 1);

    // a fold that touches only days after every range of this ranking leaves its sums as they were
    await record('B04', '2027-01-05', { visits: 5 });
    await rollups.compact();
    expect(await visitsOf('B04')).toBe(before + 2);
    expect(sums.mock.calls.length).toBe(computed + 1);
    // a change of every day (what a rebuild marks) sums them again
    await t.get(TransactionRunner).run((tx) => markRollupChanged(tx, EVERY_DAY));
    expect(await visitsOf('B04')).toBe(before + 2);
    expect(sums.mock.calls.length).toBe(computed + 2);
    sums.mockRestore();
  });

  it('after a fold of recent days sums only those days again, and agrees with summing everything', async () => {
    type Range = { from: string; to: string };
    const rollups = t.get(RollupRepository);
    const sums = jest.spyOn(
      rollups as unknown as { sumsOver: (table: string, ranges: Range[]) => Promise<unknown> },
      'sumsOver',
    );
    const rows = async () =>
      (await t.http.get('/api/v1/rankings?period=ytd&date=2026-11-26').set(staff).expect(200)).body.rows as {
        bureau: { code: string };
        figures: { visits: number };
      }[];
    const visitsOf = (all: Awaited<ReturnType<typeof rows>>, code: string) =>
      all.find((row) => row.bureau.code === code)?.figures.visits ?? 0;
    const summedAfresh = async () => {
      (rollups as unknown as { settled: Map<string, unknown> }).settled.clear();
      return rows();
    };
    await rollups.compact();
    const before = await rows();

    await record('B05', '2026-11-25', { visits: 3 });
    await rollups.compact();
    sums.mockClear();
    const recent = await rows();
    expect(visitsOf(recent, 'B05')).toBe(visitsOf(before, 'B05') + 3);
    expect(sums.mock.calls).toHaveLength(1);
    // the recent days only, not the year
    expect(sums.mock.calls[0][1].every((range) => range.from >= '2026-11-01')).toBe(true);
    expect(await summedAfresh()).toEqual(recent);

    // a change of an old day sums the whole year again
    await record('B05', '2026-02-10', { visits: 4 });
    await rollups.compact();
    sums.mockClear();
    const old = await rows();
    expect(visitsOf(old, 'B05')).toBe(visitsOf(before, 'B05') + 7);
    expect(sums.mock.calls[0][1].some((range) => range.from < '2026-11-01')).toBe(true);
    sums.mockRestore();
    expect(await summedAfresh()).toEqual(old);
  });

  it('gives back the disk space of folded deltas, so a ranking never reads a table of dead rows', async () => {
    for (let i = 0; i < 300; i++) await record('B06', '2026-11-25', { visits: 1 });
    expect(await t.get(RollupRepository).compact()).toBeGreaterThanOrEqual(300);
    const [{ pages }] = await t
      .get(DataSource)
      .query(`SELECT pg_relation_size('bureau_stat_delta') / current_setting('block_size')::int AS pages`);
    expect(Number(pages)).toBe(0);
  });

  it('keeps old rankings on the weights they were computed with', async () => {
    const before = await t.http.get('/api/v1/rankings?period=week&date=2026-11-26').set(staff).expect(200);
    const past = await t.http
      .put('/api/v1/ranking-weights')
      .set(admin)
      .send({
        effectiveFrom: '2020-01-01',
        weights: { visits: 100, newLeads: 0, signedCount: 0, signedAmount: 0, startedCount: 0, fundsInPlace: 0 },
      })
      .expect(422);
    expect(past.body.code).toBe('WEIGHTS_IN_THE_PAST');
    await t.http
      .put('/api/v1/ranking-weights')
      .set(admin)
      .send({
        effectiveFrom: '2099-01-01',
        weights: { visits: 100, newLeads: 0, signedCount: 0, signedAmount: 0, startedCount: 0, fundsInPlace: 0 },
      })
      .expect(200);
    const after = await t.http.get('/api/v1/rankings?period=week&date=2026-11-26').set(staff).expect(200);
    expect(after.body.rows).toEqual(before.body.rows);
    expect(after.body.weights).toMatchObject({ effectiveFrom: '2000-01-01', signedAmount: 30 });
    const weights = await t.http.get('/api/v1/ranking-weights').set(staff).expect(200);
    expect(weights.body.history.map((w: { effectiveFrom: string }) => w.effectiveFrom)).toEqual([
      '2099-01-01',
      '2000-01-01',
    ]);
  });

  it('lists targets for everyone and lets only the administrator set them', async () => {
    const list = await t.http.get('/api/v1/targets?year=2026').set(staff).expect(200);
    expect(list.body).toHaveLength(10);
    expect(list.body[0]).toMatchObject({ bureau: { code: 'B01' }, set: true, visits: 365, signedAmount: '36500.00' });
    expect(list.body[3]).toMatchObject({ bureau: { code: 'B04' }, set: false, visits: 0 });
    for (const role of [Role.Staff, Role.BureauHead, Role.Leader, Role.Supervisor]) {
      const { auth } = await signedIn(t, { role });
      await t.http
        .put('/api/v1/targets?year=2026')
        .set(auth)
        .send({ items: [target('B01', 1, '1')] })
        .expect(403);
      await t.http.put('/api/v1/ranking-weights').set(auth).send({}).expect(403);
      await t.http.get('/api/v1/rankings?period=week').set(auth).expect(200);
    }
  });

  it('answers bad input with 400', async () => {
    await t.http.get('/api/v1/rankings?period=decade').set(staff).expect(400);
    await t.http.get('/api/v1/rankings?period=week&date=2026-02-30').set(staff).expect(400);
    await t.http.get('/api/v1/targets').set(staff).expect(400);
    await t.http
      .put('/api/v1/targets?year=2026')
      .set(admin)
      .send({ items: [target('B99', 1, '1')] })
      .expect(400);
    await t.http
      .put('/api/v1/targets?year=2026')
      .set(admin)
      .send({ items: [target('B01', -1, '1')] })
      .expect(400);
    await t.http
      .put('/api/v1/targets?year=2026')
      .set(admin)
      .send({ items: [target('B01', 1, '1.234')] })
      .expect(400);
    await t.http.put('/api/v1/targets?year=2026').set(admin).send({ items: [] }).expect(400);
    await t.http
      .put('/api/v1/ranking-weights')
      .set(admin)
      .send({ effectiveFrom: '2099-02-30', weights: {} })
      .expect(400);
  });
});
