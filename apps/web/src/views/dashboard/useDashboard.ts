import { computed, reactive, ref } from 'vue';
import { api, data } from '@/api/client';
import { messageOf } from '@/api/errors';
import type { components } from '@/api/schema';
import { addDays, districtToday, lastSundays } from '@/utils/dates';
import { numberOrNull, percent, shortName, type PeriodKind } from '@/utils/labels';
import type { FunnelStep } from './charts';

type Schemas = components['schemas'];
export type Ranking = Schemas['RankingDto'];
export type RankingRow = Schemas['RankingRowDto'];
export type Alert = Schemas['AlertDto'];

export const TREND_WEEKS = 12;

/** A part of the dashboard that loads on its own: its data, whether it is loading, and its failure. */
export interface Part<T> {
  value: T | null;
  loading: boolean;
  error: string | null;
}

function part<T>(): Part<T> {
  return reactive({ value: null, loading: false, error: null }) as Part<T>;
}

/**
 * The data of the 驾驶舱 (and of the 大屏): the ranking of a period and day, the 12-week trend of ranks, the
 * year's funnel and the alerts. Each part loads on its own, so a slow or failed one does not hold the others;
 * a quicker second choice is never overwritten by the first one's slower answer.
 */
export function useDashboard() {
  const period = ref<PeriodKind>('week');
  const date = ref(districtToday());
  const ranking = part<Ranking>();
  const trend = part<{ weeks: string[]; series: { name: string; ranks: (number | null)[] }[]; bureaus: number }>();
  const funnel = part<{ title: string; steps: FunnelStep[] }>();
  const alerts = part<{ items: Alert[]; red: number; yellow: number }>();
  const tickets = { ranking: 0, trend: 0, funnel: 0 };

  async function run<T>(target: Part<T>, key: keyof typeof tickets | null, load: () => Promise<T>): Promise<void> {
    const ticket = key ? ++tickets[key] : 0;
    target.loading = true;
    try {
      const value = await load();
      if (key && ticket !== tickets[key]) return;
      target.value = value;
      target.error = null;
    } catch (error) {
      if (key && ticket !== tickets[key]) return;
      target.error = messageOf(error);
    } finally {
      if (!key || ticket === tickets[key]) target.loading = false;
    }
  }

  const loadRanking = () =>
    run(ranking, 'ranking', () =>
      data(api.GET('/api/v1/rankings', { params: { query: { period: period.value, date: date.value } } })),
    );

  const loadTrend = () =>
    run(trend, 'trend', async () => {
      const weeks = await Promise.all(
        lastSundays(date.value, TREND_WEEKS).map((day) =>
          data(api.GET('/api/v1/rankings', { params: { query: { period: 'week', date: day } } })),
        ),
      );
      const bureaus = new Map<string, string>();
      for (const week of weeks) for (const row of week.rows) bureaus.set(row.bureau.code, shortName(row.bureau.name));
      return {
        weeks: weeks.map((w) => w.period.label.replace(/^\d{4}-/, '')),
        series: [...bureaus].map(([code, name]) => ({
          name,
          ranks: weeks.map((week) => week.rows.find((r) => r.bureau.code === code)?.rank ?? null),
        })),
        bureaus: bureaus.size,
      };
    });

  const loadFunnel = () =>
    run(funnel, 'funnel', async () => {
      // the range's end is exclusive: the chosen day itself counts
      const query = { from: `${date.value.slice(0, 4)}-01-01`, to: addDays(date.value, 1) };
      const result = await data(api.GET('/api/v1/funnel', { params: { query } }));
      const bureau = result.bureau as { name?: string } | null;
      return {
        // a bureau user gets their own bureau's funnel: the title says whose it is
        title: bureau?.name ? `项目转化漏斗（${bureau.name}，年度累计）` : '项目转化漏斗（年度累计）',
        steps: funnelSteps(result),
      };
    });

  const loadAlerts = () =>
    run(alerts, null, async () => {
      const page = await data(api.GET('/api/v1/alerts', { params: { query: { pageSize: 50 } } }));
      const counts = page.counts as { red?: number; yellow?: number };
      return {
        items: page.items,
        red: counts.red ?? page.items.filter((a) => a.level === 'red').length,
        yellow: counts.yellow ?? page.items.filter((a) => a.level === 'yellow').length,
      };
    });

  function setPeriod(next: PeriodKind): Promise<void> {
    period.value = next;
    return loadRanking();
  }

  function setDate(next: string): Promise<unknown> {
    date.value = next;
    return Promise.all([loadRanking(), loadTrend(), loadFunnel()]);
  }

  /** The ranking first (what a leader reads first), then the rest, so the others' queries do not hold it up. */
  async function loadAll(): Promise<unknown> {
    await loadRanking();
    return Promise.all([loadTrend(), loadFunnel(), loadAlerts()]);
  }

  const periodNote = computed(() => {
    const r = ranking.value;
    if (!r) return '';
    return `${r.period.from} 至 ${addDays(r.period.to, -1)}（${r.period.label}）· 全年时间进度 ${percent(r.yearElapsed)}`;
  });

  return {
    period,
    date,
    ranking,
    trend,
    funnel,
    alerts,
    periodNote,
    setPeriod,
    setDate,
    loadAll,
    loadRanking,
    loadTrend,
    loadFunnel,
    loadAlerts,
  };
}

/** New leads, then every stage a project first reached in the period, each with its conversion from the step before. */
function funnelSteps(result: Schemas['FunnelDto']): FunnelStep[] {
  return [
    { name: '新增线索', value: result.newLeads },
    ...result.stages.map((step) => {
      const conversion = numberOrNull(step.conversion);
      const medianDays = numberOrNull(step.medianDays);
      return {
        name: step.label,
        value: step.reached,
        note: [
          conversion === null ? null : `较上一阶段转化 ${percent(conversion)}`,
          medianDays === null ? null : `停留天数中位数 ${medianDays} 天`,
        ]
          .filter(Boolean)
          .join('<br>'),
      };
    }),
  ];
}

/** The latest published weekly report's week, or null when none is published yet. */
export async function latestReportWeek(): Promise<string | null> {
  const reports = await data(api.GET('/api/v1/reports/weekly', { params: { query: { pageSize: 100 } } }));
  return (
    reports.items
      .map((r) => r.week)
      .sort()
      .at(-1) ?? null
  );
}
