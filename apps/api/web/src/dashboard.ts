import { api, ApiError, isMissingRoute, messageOf, session } from './api';
import { disposeDetachedCharts, funnel, FunnelStep, rankLines, scoreBars } from './charts';
import { addDays, districtDate, fill, h, openDialog, toast } from './dom';
import { signOut } from './nav';
import { FigureKey, LABELS, Page, PeriodKind, Ranking, RankingRow, TARGET_KEYS, User } from './types';

const TABLE_FIGURES: FigureKey[] = [
  'visits',
  'leaderVisits',
  'newLeads',
  'signedCount',
  'signedAmount',
  'startedCount',
  'fundsInPlace',
];
const TREND_WEEKS = 12;

interface State {
  period: PeriodKind;
  date: string;
}

interface Alert {
  id: string;
  level: 'red' | 'yellow';
  kindLabel: string;
  bureau: { code: string; name: string };
  message: string;
  since: string;
}

export function renderDashboard(root: HTMLElement, user: User): void {
  document.title = '驾驶舱 · 海州区招商引资管理系统';
  const state: State = { period: 'week', date: districtDate() };

  const periodButtons = (Object.keys(LABELS.periods) as PeriodKind[]).map((kind) =>
    h(
      'button',
      {
        type: 'button',
        class: 'seg',
        'data-period': kind,
        'aria-pressed': String(kind === state.period),
        onclick: () => {
          state.period = kind;
          periodButtons.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.period === kind)));
          void loadRanking();
        },
      },
      LABELS.periods[kind],
    ),
  );
  const dateInput = h('input', { type: 'date', value: state.date, max: districtDate(), 'aria-label': '统计日期' });
  dateInput.addEventListener('change', () => {
    if (!dateInput.value) return;
    state.date = dateInput.value;
    void loadRanking();
    void loadTrend();
    void loadFunnel();
  });
  const downloadButton = h(
    'button',
    { type: 'button', class: 'btn btn-primary', onclick: () => void downloadReport() },
    '下载最新周报',
  );

  const periodNote = h('span', { class: 'muted' });
  const rankingBody = h('div', { class: 'table-wrap' }, h('p', { class: 'muted' }, '正在加载排名…'));
  const scoreChart = h('div', { class: 'chart', 'aria-label': '得分柱状图' });
  const completionBody = h('div', { class: 'table-wrap' });
  const trendChart = h('div', { class: 'chart chart-tall', 'aria-label': '近 12 周名次走势' });
  const funnelPanel = panel('项目转化漏斗（年度累计）', h('div', { class: 'chart' }));
  const alertsPanel = panel('督查预警（红黄灯）', h('div', {}, h('p', { class: 'muted' }, '正在加载…')));

  const staffLink = ['staff', 'bureau_head'].includes(user.role)
    ? h('a', { href: '/staff', 'data-nav': '', class: 'btn btn-light' }, '我的工作台')
    : null;

  fill(
    root,
    h(
      'header',
      { class: 'topbar' },
      h('h1', {}, '海州区招商引资驾驶舱'),
      h(
        'div',
        { class: 'topbar-user' },
        h('span', { class: 'who' }, user.bureau ? `${user.bureau.name} · ${user.displayName}` : user.displayName),
        staffLink,
        h('button', { type: 'button', class: 'btn btn-light', onclick: () => void signOut() }, '退出'),
      ),
    ),
    h(
      'div',
      { class: 'toolbar' },
      h('div', { class: 'segmented', role: 'group', 'aria-label': '统计周期' }, periodButtons),
      h('label', { class: 'inline-field' }, '日期', dateInput),
      periodNote,
      h('span', { class: 'spacer' }),
      downloadButton,
    ),
    h(
      'div',
      { class: 'dash-grid' },
      panel('招商局排名', rankingBody, 'wide'),
      panel('综合得分', scoreChart),
      panel('年度累计目标完成率（格内小字为本期完成率）', completionBody),
      panel(`近 ${TREND_WEEKS} 周名次走势`, trendChart, 'wide'),
      funnelPanel,
      alertsPanel,
    ),
  );

  // a quick second click must not be overwritten by the first click's slower answer
  let rankingTicket = 0;
  let trendTicket = 0;

  async function loadRanking(): Promise<void> {
    const ticket = ++rankingTicket;
    rankingBody.classList.add('loading-dim');
    try {
      const ranking = await api<Ranking>('GET', '/rankings', { query: { period: state.period, date: state.date } });
      if (ticket !== rankingTicket) return;
      const { period } = ranking;
      periodNote.textContent = `${LABELS.periods[period.kind]}：${period.from} 至 ${addDays(period.to, -1)}（${period.label}）· 全年时间进度 ${percent(ranking.yearElapsed)}`;
      fill(
        rankingBody,
        rankingTable(ranking, state),
        h('p', { class: 'muted score-formula' }, `${ranking.scoreFormula}（鼠标悬停得分可见每项明细）`),
      );
      fill(completionBody, completionTable(ranking, state));
      disposeDetachedCharts();
      scoreBars(
        scoreChart,
        ranking.rows.map((r) => shortName(r.bureau.name)),
        ranking.rows.map((r) => r.score),
      );
    } catch (error) {
      fill(rankingBody, h('p', { class: 'notice notice-error' }, `排名加载失败：${messageOf(error)}`));
    } finally {
      if (ticket === rankingTicket) rankingBody.classList.remove('loading-dim');
    }
  }

  async function loadTrend(): Promise<void> {
    const ticket = ++trendTicket;
    const sundays = lastSundays(state.date, TREND_WEEKS);
    try {
      const weeks = await Promise.all(
        sundays.map((date) => api<Ranking>('GET', '/rankings', { query: { period: 'week', date } })),
      );
      if (ticket !== trendTicket) return;
      const bureaus = new Map<string, string>();
      for (const week of weeks) for (const row of week.rows) bureaus.set(row.bureau.code, shortName(row.bureau.name));
      const series = [...bureaus].map(([code, name]) => ({
        name,
        ranks: weeks.map((week) => week.rows.find((r) => r.bureau.code === code)?.rank ?? null),
      }));
      rankLines(
        trendChart,
        weeks.map((w) => w.period.label.replace(/^\d{4}-/, '')),
        series,
        bureaus.size,
      );
    } catch (error) {
      fill(trendChart, h('p', { class: 'notice notice-error' }, `走势加载失败：${messageOf(error)}`));
    }
  }

  async function loadFunnel(): Promise<void> {
    const body = funnelPanel.querySelector('.chart') as HTMLElement;
    try {
      const result = await api<Funnel>('GET', '/funnel', {
        // the range's end is exclusive: the chosen day itself counts
        query: { from: `${state.date.slice(0, 4)}-01-01`, to: addDays(state.date, 1) },
      });
      // a bureau user gets their own bureau's funnel: the title says whose it is
      const title = funnelPanel.querySelector('.panel-title') as HTMLElement;
      title.textContent = result.bureau
        ? `项目转化漏斗（${result.bureau.name}，年度累计）`
        : '项目转化漏斗（年度累计）';
      const steps = funnelSteps(result);
      if (steps.every((step) => step.value === 0)) fill(body, h('p', { class: 'muted' }, '本年暂无线索和项目'));
      else funnel(body, steps);
    } catch (error) {
      fill(
        funnelPanel.querySelector('.panel-body') as HTMLElement,
        h(
          'p',
          { class: 'muted' },
          isMissingRoute(error) ? '转化漏斗接口暂未开放' : `漏斗加载失败：${messageOf(error)}`,
        ),
      );
      funnelPanel.classList.add('panel-muted');
    }
  }

  async function loadAlerts(): Promise<void> {
    const body = alertsPanel.querySelector('.panel-body') as HTMLElement;
    try {
      const page = await api<Page<Alert> & { counts?: { red: number; yellow: number } }>('GET', '/alerts', {
        query: { pageSize: 50 },
      });
      const counts = page.counts ?? {
        red: page.items.filter((a) => a.level === 'red').length,
        yellow: page.items.filter((a) => a.level === 'yellow').length,
      };
      fill(
        body,
        h(
          'p',
          { class: 'alert-counts' },
          h('span', { class: 'light light-red' }, `红灯 ${counts.red}`),
          h('span', { class: 'light light-yellow' }, `黄灯 ${counts.yellow}`),
        ),
        page.items.length === 0
          ? h('p', { class: 'muted' }, '暂无预警')
          : h(
              'ul',
              { class: 'alert-list' },
              page.items.map((a) =>
                h(
                  'li',
                  { class: `alert alert-${a.level}` },
                  h('span', { class: `dot dot-${a.level}`, 'aria-label': a.level === 'red' ? '红灯' : '黄灯' }),
                  h('span', { class: 'alert-bureau' }, shortName(a.bureau.name)),
                  h('span', { class: 'alert-kind' }, a.kindLabel),
                  h('span', { class: 'alert-text' }, a.message),
                ),
              ),
            ),
      );
    } catch (error) {
      fill(
        body,
        h('p', { class: 'muted' }, isMissingRoute(error) ? '预警接口暂未开放' : `预警加载失败：${messageOf(error)}`),
      );
      alertsPanel.classList.add('panel-muted');
    }
  }

  async function downloadReport(): Promise<void> {
    downloadButton.disabled = true;
    try {
      const reports = await api<Page<{ week: string }>>('GET', '/reports/weekly', { query: { pageSize: 100 } });
      const latest = reports.items
        .map((r) => r.week)
        .sort()
        .at(-1);
      if (!latest) {
        toast('还没有已发布的周报', 'error');
        return;
      }
      const { blob, fileName } = await session.download(
        `/reports/weekly/${encodeURIComponent(latest)}/export?format=xlsx`,
      );
      const url = URL.createObjectURL(blob);
      const link = h('a', { href: url, download: fileName, class: 'hidden' });
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      toast(`已下载 ${latest} 周报`);
    } catch (error) {
      toast(`周报下载失败：${messageOf(error)}`, 'error');
    } finally {
      downloadButton.disabled = false;
    }
  }

  void loadRanking();
  void loadTrend();
  void loadFunnel();
  void loadAlerts();
}

function panel(title: string, body: HTMLElement, size = ''): HTMLElement {
  return h(
    'section',
    { class: `panel ${size ? `panel-${size}` : ''}` },
    h('h2', { class: 'panel-title' }, title),
    h('div', { class: 'panel-body' }, body),
  );
}

function rankingTable(ranking: Ranking, state: State): HTMLElement {
  return h(
    'table',
    { class: 'grid-table ranking-table' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {}, '名次'),
        h('th', {}, '变化'),
        h('th', { class: 'left' }, '招商局'),
        h('th', {}, '得分'),
        TABLE_FIGURES.map((key) => h('th', {}, LABELS.figures[key])),
        h('th', {}, '时序进度'),
      ),
    ),
    h(
      'tbody',
      {},
      ranking.rows.map((row) =>
        h(
          'tr',
          { 'data-bureau': row.bureau.code },
          h('td', { class: 'rank' }, String(row.rank)),
          h('td', {}, rankChange(row.rankChange)),
          h('td', { class: 'left bureau-name' }, row.bureau.name),
          h('td', { class: 'score', title: scoreTitle(row) }, row.score.toFixed(1)),
          TABLE_FIGURES.map((key) =>
            h(
              'td',
              {},
              h(
                'button',
                {
                  type: 'button',
                  class: 'cell-link',
                  'data-metric': key,
                  title: `查看${row.bureau.name}${LABELS.figures[key]}明细`,
                  onclick: () => void drilldown(row, key, state),
                },
                String(row.figures[key]),
              ),
            ),
          ),
          h(
            'td',
            {},
            row.behind
              ? h(
                  'span',
                  { class: 'badge badge-behind', title: `落后：${row.behindMetrics.map(metricLabel).join('、')}` },
                  '落后',
                )
              : h('span', { class: 'badge badge-ok' }, '正常'),
          ),
        ),
      ),
    ),
  );
}

/** The score term by term, as the API states it: enough to recompute it. */
function scoreTitle(row: RankingRow): string {
  const terms = row.scoreBreakdown.terms.map(
    (t) =>
      `${metricLabel(t.metric)}：权重 ${t.weight} × min(${t.actual} ÷ ${t.periodTarget}, 1.5) = ${t.points.toFixed(2)} 分`,
  );
  return terms.length > 0 ? `${terms.join('\n')}\n（权重合计 ${row.scoreBreakdown.weightSum}）` : '未下达目标，不计分';
}

function rankChange(change: number | null): HTMLElement {
  if (change === null) return h('span', { class: 'change muted', title: '上期无排名' }, '—');
  if (change > 0) return h('span', { class: 'change up', title: `上升 ${change} 名` }, `↑${change}`);
  if (change < 0) return h('span', { class: 'change down', title: `下降 ${-change} 名` }, `↓${-change}`);
  return h('span', { class: 'change muted', title: '名次不变' }, '—');
}

function completionTable(ranking: Ranking, state: State): HTMLElement {
  return h(
    'table',
    { class: 'grid-table heat-table' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { class: 'left' }, '招商局'),
        TARGET_KEYS.map((key) => h('th', {}, metricLabel(key))),
      ),
    ),
    h(
      'tbody',
      {},
      ranking.rows.map((row) =>
        h(
          'tr',
          {},
          h('td', { class: 'left' }, shortName(row.bureau.name)),
          TARGET_KEYS.map((key) => {
            const rate = row.completion[key];
            const periodRate = row.completionPeriod[key];
            if (rate === null) return h('td', { class: 'heat heat-none', title: '未下达目标' }, '—');
            return h(
              'td',
              { class: `heat ${heatClass(rate, ranking.yearElapsed)}` },
              h(
                'button',
                {
                  type: 'button',
                  class: 'cell-link',
                  title:
                    `年度累计完成 ${percent(rate)}（对年度目标），时间进度 ${percent(ranking.yearElapsed)}；` +
                    `本期完成 ${periodRate === null ? '—' : percent(periodRate)}（对期间目标）`,
                  onclick: () => void drilldown(row, key, { ...state, period: 'ytd' }),
                },
                percent(rate),
              ),
              h('small', { class: 'period-rate' }, `本期 ${periodRate === null ? '—' : percent(periodRate)}`),
            );
          }),
        ),
      ),
    ),
  );
}

/** Behind the year's elapsed share is red, close to it yellow, at or ahead of it green. */
function heatClass(rate: number, elapsed: number): string {
  if (rate >= elapsed) return 'heat-good';
  if (rate >= elapsed * 0.8) return 'heat-warn';
  return 'heat-bad';
}

const DRILL_PAGE_SIZE = 200;
const AGREEMENT_LABELS: Record<string, string> = { framework: '框架协议', formal: '正式合同' };
const ENTITY_LABELS: Record<string, string> = { visit: '走访', lead: '线索', project: '项目', fund: '到位资金' };

interface Drilldown {
  metricLabel: string;
  period: { from: string; to: string; label: string };
  sum: string;
  total: number;
  items: { id: string; day: string; value: string; subject: string; detail: string | null; entity: string }[];
}

interface Funnel {
  /** The bureau of a bureau user's own funnel; null for the district. */
  bureau: { code: string; name: string } | null;
  newLeads: number;
  stages: { stage: string; label: string; reached: number; conversion: number | null; medianDays: number | null }[];
}

async function drilldown(row: RankingRow, metric: FigureKey, state: State): Promise<void> {
  const body = h('div', { class: 'drill' }, h('p', { class: 'muted' }, '正在加载明细…'));
  openDialog(`${row.bureau.name} · ${metricLabel(metric)} · ${LABELS.periods[state.period]}`, body);
  try {
    const result = await api<Drilldown>('GET', '/rankings/drilldown', {
      query: { bureau: row.bureau.code, metric, period: state.period, date: state.date, pageSize: DRILL_PAGE_SIZE },
    });
    fill(body, recordsTable(result));
  } catch (error) {
    fill(
      body,
      h(
        'p',
        { class: 'notice' },
        error instanceof ApiError && error.status === 404 ? '明细接口暂未开放' : `明细加载失败：${messageOf(error)}`,
      ),
    );
  }
}

function recordsTable(result: Drilldown): HTMLElement {
  const { period } = result;
  const summary = h(
    'p',
    { class: 'drill-summary' },
    `${period.from} 至 ${addDays(period.to, -1)}（${period.label}）· 共 ${result.total} 条 · 合计 ${result.sum}`,
    result.total > result.items.length ? `（仅列出前 ${result.items.length} 条）` : '',
  );
  if (result.items.length === 0) return h('div', {}, summary, h('p', { class: 'muted' }, '本期没有对应的记录'));
  return h(
    'div',
    {},
    summary,
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'grid-table records-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { class: 'left' }, '日期'),
            h('th', { class: 'left' }, '类别'),
            h('th', { class: 'left' }, '对象'),
            h('th', { class: 'left' }, '说明'),
            h('th', {}, result.metricLabel),
          ),
        ),
        h(
          'tbody',
          {},
          result.items.map((item) =>
            h(
              'tr',
              {},
              h('td', { class: 'left' }, item.day),
              h('td', { class: 'left' }, ENTITY_LABELS[item.entity] ?? item.entity),
              h('td', { class: 'left wrap' }, item.subject),
              h('td', { class: 'left wrap' }, detailLabel(item.detail)),
              h('td', {}, item.value),
            ),
          ),
        ),
      ),
    ),
  );
}

/** The API gives codes (a visit's kind, an agreement's type); people read the district's words. */
function detailLabel(detail: string | null): string {
  if (!detail) return '—';
  const words: Record<string, string> = { ...LABELS.visitKinds, ...LABELS.stages, ...AGREEMENT_LABELS };
  return words[detail] ?? detail;
}

/** New leads, then every stage a project first reached in the period, each with its conversion from the step before. */
function funnelSteps(result: Funnel): FunnelStep[] {
  return [
    { name: '新增线索', value: result.newLeads },
    ...result.stages.map((step) => ({
      name: step.label,
      value: step.reached,
      note: [
        step.conversion === null ? null : `较上一阶段转化 ${percent(step.conversion)}`,
        step.medianDays === null ? null : `停留天数中位数 ${step.medianDays} 天`,
      ]
        .filter(Boolean)
        .join('<br>'),
    })),
  ];
}

function metricLabel(key: string): string {
  return (LABELS.figures as Record<string, string>)[key]?.replace(/\(万元\)/, '') ?? key;
}

function percent(rate: number): string {
  return `${(rate * 100).toFixed(rate < 0.1 ? 1 : 0)}%`;
}

/** 海州区第三招商局 → 第三招商局: the district prefix repeats on every row and crowds the charts. */
function shortName(name: string): string {
  return name.replace(/^海州区/, '');
}

/** The Sundays ending the last `count` weeks up to `date` (a Sunday itself counts), oldest first. */
function lastSundays(date: string, count: number): string[] {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  const latest = addDays(date, -weekday);
  return Array.from({ length: count }, (_, i) => addDays(latest, -7 * (count - 1 - i)));
}
