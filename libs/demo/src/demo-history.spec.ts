import { addDays } from '@app/core';
import { Stage } from '@app/pipeline';
import { DEMO_BUREAUS, DemoBureauPlan } from './demo-catalog';
import { DemoCompany, demoHistory, lineOf } from './demo-history';

/** Days the demo may be loaded on: late in a year, at its very start, mid-year, and close to 2000. */
const DAYS = ['2026-12-01', '2027-01-02', '2026-06-15', '2028-02-29', '2000-05-10'];

/** Every business date a company's history holds, with what it is. */
function datesOf(company: DemoCompany): [string, string][] {
  const dates: [string, string][] = [['lead', company.lead.createdOn]];
  if (company.lead.closedOn) dates.push(['closed', company.lead.closedOn]);
  for (const visit of company.lead.visits) {
    dates.push(['visit', visit.date]);
    if (visit.nextFollowUpAt) dates.push(['nextFollowUpAt', visit.nextFollowUpAt]);
  }
  const p = company.project;
  if (p) {
    for (const key of [
      'negotiating',
      'signed',
      'upgraded',
      'registered',
      'started',
      'operating',
      'terminated',
    ] as const) {
      if (p[key]) dates.push([key, p[key] as string]);
    }
    for (const fund of p.funds) dates.push(['fund', fund.day]);
  }
  if (company.reserve) dates.push(['reserve', company.reserve.createdOn]);
  return dates;
}

describe('the demo history', () => {
  it.each(DAYS)('puts every business date between 2000-01-01 and today (%s), follow-ups aside', (today) => {
    for (const company of demoHistory(today)) {
      for (const [what, date] of datesOf(company)) {
        expect([what, date >= '2000-01-01']).toEqual([what, true]);
        if (what !== 'nextFollowUpAt') expect([company.name, what, date <= today]).toEqual([company.name, what, true]);
      }
    }
  });

  it.each(DAYS)('orders each project’s stages: lead ≤ 在谈 ≤ 签约 ≤ upgrade < 注册 ≤ 开工 ≤ 投产 (%s)', (today) => {
    const projects = demoHistory(today).filter((c) => c.project);
    expect(projects.length).toBeGreaterThan(0);
    for (const { lead, project } of projects) {
      const p = project as NonNullable<DemoCompany['project']>;
      const chain = [lead.createdOn, p.negotiating, p.signed, p.upgraded, p.registered, p.started, p.operating];
      const reached = chain.filter((d): d is string => d !== undefined);
      expect(reached).toEqual([...reached].sort());
      if (p.upgraded && p.registered) expect(p.upgraded < p.registered).toBe(true);
      if (p.terminated) expect(p.terminated >= p.negotiating).toBe(true);
      // the stage it stands in is the last one it reached
      const stage = p.terminated
        ? Stage.Terminated
        : p.operating
          ? Stage.Operating
          : p.started
            ? Stage.Started
            : p.registered
              ? Stage.Registered
              : p.signed
                ? Stage.Signed
                : Stage.Negotiating;
      expect(p.stage).toBe(stage);
      for (const fund of p.funds) {
        expect(fund.month >= (p.registered as string).slice(0, 7)).toBe(true);
        expect(fund.day >= (p.registered as string) && fund.day.startsWith(fund.month)).toBe(true);
      }
      expect(new Set(p.funds.map((f) => f.month)).size).toBe(p.funds.length);
    }
  });

  it.each(DAYS)(
    'visits a lead from the day it was registered until it was closed, converted or today (%s)',
    (today) => {
      for (const { lead, project, reserve } of demoHistory(today)) {
        expect(lead.visits.length).toBeGreaterThan(0);
        expect(lead.visits[0].date).toBe(lead.createdOn);
        const dates = lead.visits.map((v) => v.date);
        expect(dates).toEqual([...dates].sort());
        const end = lead.closedOn ?? project?.negotiating ?? today;
        expect(dates[dates.length - 1] <= end).toBe(true);
        for (const visit of lead.visits) {
          if (visit.nextFollowUpAt) expect(visit.nextFollowUpAt >= visit.date).toBe(true);
        }
        if (lead.status !== 'open') expect(lead.visits[lead.visits.length - 1].nextFollowUpAt).toBeNull();
        if (reserve) expect(reserve.createdOn >= lead.createdOn).toBe(true);
      }
    },
  );

  it('names every project after its company: the brand from the company’s name, a project of its line', () => {
    const history = demoHistory('2026-12-01');
    expect(new Set(history.map((c) => c.name)).size).toBe(history.length);
    for (const company of history) {
      expect(company.name).toContain(company.brand);
      for (const name of [company.project?.name, company.reserve?.name]) {
        if (!name) continue;
        expect(name.startsWith(company.brand)).toBe(true);
        expect(name.endsWith('项目')).toBe(true);
        const line = lineOf(DEMO_BUREAUS.find((b) => b.code === company.bureauCode) as DemoBureauPlan, company);
        expect(company.name).toContain(line.noun);
        expect(line.projects.some((p) => name.replace(/谋划项目$/, '项目').endsWith(p))).toBe(true);
      }
    }
  });

  it('is the same history for the same day, on any machine', () => {
    expect(JSON.stringify(demoHistory('2026-12-01'))).toBe(JSON.stringify(demoHistory('2026-12-01')));
    expect(JSON.stringify(demoHistory('2027-01-02'))).toBe(JSON.stringify(demoHistory('2027-01-02')));
  });

  it('sizes a year of each bureau’s work to its targets at its pace, some ahead and some behind', () => {
    const today = '2026-12-01';
    const elapsed = 335 / 365;
    const history = demoHistory(today);
    const ratios: number[] = [];
    for (const bureau of DEMO_BUREAUS) {
      const mine = history.filter((c) => c.bureauCode === bureau.code);
      const visits = mine.flatMap((c) => c.lead.visits).filter((v) => v.date.startsWith('2026')).length;
      const leads = mine.filter((c) => c.lead.createdOn.startsWith('2026')).length;
      const signed = mine.filter((c) => c.project?.signed?.startsWith('2026')).length;
      const expected = (target: number) => target * bureau.pace * elapsed;
      expect(visits).toBeGreaterThan(expected(bureau.targets.visits) * 0.7);
      expect(visits).toBeLessThan(expected(bureau.targets.visits) * 1.3);
      expect(leads).toBeGreaterThan(expected(bureau.targets.newLeads) * 0.6);
      expect(leads).toBeLessThan(expected(bureau.targets.newLeads) * 1.4);
      expect(signed).toBeGreaterThanOrEqual(Math.floor(expected(bureau.targets.signedCount) * 0.6));
      expect(signed).toBeLessThanOrEqual(Math.ceil(expected(bureau.targets.signedCount) * 1.4));
      ratios.push(visits / bureau.targets.visits);
    }
    expect(Math.min(...ratios)).toBeLessThan(elapsed);
    expect(Math.max(...ratios)).toBeGreaterThan(elapsed);
  });

  it('visits more in spring and autumn than at 春节 and in high summer', () => {
    const visits = demoHistory('2026-12-01').flatMap((c) => c.lead.visits);
    const perMonth = (months: string[]) =>
      visits.filter((v) => v.date >= '2025-12-01' && months.includes(v.date.slice(5, 7))).length / months.length;
    expect(perMonth(['04', '05', '09', '11'])).toBeGreaterThan(perMonth(['01', '02', '07', '08']) * 1.3);
  });

  it('leaves some open leads idle for 30 to 60 days and some longer, and some signed projects unregistered for 90+', () => {
    const today = '2026-12-01';
    const history = demoHistory(today);
    const idle = history
      .filter((c) => c.lead.status === 'open')
      .map((c) =>
        Math.round((Date.parse(today) - Date.parse(c.lead.visits[c.lead.visits.length - 1].date)) / 86_400_000),
      );
    const yellow = idle.filter((d) => d >= 30 && d < 60).length;
    const red = idle.filter((d) => d >= 60).length;
    expect(yellow).toBeGreaterThanOrEqual(3);
    expect(red).toBeGreaterThanOrEqual(2);
    expect(yellow + red).toBeLessThan(idle.length * 0.3);
    const unregistered = history.filter(
      (c) => c.project?.stage === Stage.Signed && (c.project.signed as string) <= addDays(today, -90),
    ).length;
    expect(unregistered).toBeGreaterThanOrEqual(1);
    expect(unregistered).toBeLessThanOrEqual(6);
  });
});
