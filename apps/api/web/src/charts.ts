import { BarChart, FunnelChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// only the chart kinds the dashboard draws, so the bundle carries no more of ECharts than that
echarts.use([BarChart, LineChart, FunnelChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

const FONT = '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif';
const charts = new Map<HTMLElement, echarts.ECharts>();

function chartIn(element: HTMLElement): echarts.ECharts {
  let chart = charts.get(element);
  if (!chart || chart.isDisposed()) {
    chart = echarts.init(element, undefined, { renderer: 'canvas' });
    charts.set(element, chart);
  }
  return chart;
}

window.addEventListener('resize', () => charts.forEach((chart) => chart.resize()));

/** Forgets charts whose elements left the page (the page was re-rendered). */
export function disposeDetachedCharts(): void {
  for (const [element, chart] of charts) {
    if (!element.isConnected) {
      chart.dispose();
      charts.delete(element);
    }
  }
}

export function scoreBars(element: HTMLElement, names: string[], scores: number[]): void {
  chartIn(element).setOption(
    {
      textStyle: { fontFamily: FONT },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: {
        type: 'category',
        data: names,
        // ten bureau names fit side by side on a desk screen, not on a phone
        axisLabel: { interval: 0, rotate: names.length <= 6 ? 0 : element.clientWidth < 600 ? 60 : 30 },
      },
      yAxis: { type: 'value', name: '得分' },
      series: [
        {
          type: 'bar',
          data: scores,
          barMaxWidth: 28,
          itemStyle: { color: '#2f6fb3', borderRadius: [3, 3, 0, 0] },
          label: {
            show: true,
            position: 'top',
            formatter: ({ value }: { value: unknown }) => Number(value).toFixed(1),
          },
        },
      ],
    },
    true,
  );
}

export function rankLines(
  element: HTMLElement,
  weeks: string[],
  series: { name: string; ranks: (number | null)[] }[],
  bureauCount: number,
): void {
  chartIn(element).setOption(
    {
      textStyle: { fontFamily: FONT },
      grid: { left: 8, right: 16, top: 56, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      xAxis: { type: 'category', data: weeks, boundaryGap: false },
      // rank 1 on top: a rising line is a bureau climbing
      yAxis: {
        type: 'value',
        inverse: true,
        min: 1,
        max: Math.max(bureauCount, 1),
        interval: 1,
        name: '名次',
        nameLocation: 'start',
      },
      series: series.map((s) => ({ type: 'line', name: s.name, data: s.ranks, connectNulls: true, symbolSize: 6 })),
    },
    true,
  );
}

export interface FunnelStep {
  name: string;
  value: number;
  /** Share of the step before that reached this one; shown on hover, the segments are too narrow for it. */
  note?: string;
}

export function funnel(element: HTMLElement, steps: FunnelStep[]): void {
  chartIn(element).setOption(
    {
      textStyle: { fontFamily: FONT },
      tooltip: {
        trigger: 'item',
        formatter: ({ dataIndex }: { dataIndex: number }) => {
          const step = steps[dataIndex];
          return `${step.name}：${step.value}${step.note ? `<br>${step.note}` : ''}`;
        },
      },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: '10%',
          width: '80%',
          top: 8,
          bottom: 8,
          min: 0,
          max: Math.max(...steps.map((s) => s.value), 1),
          // wide enough for the label even when no project got that far
          minSize: '36%',
          gap: 2,
          label: { show: true, position: 'inside', formatter: '{b} {c}' },
          data: steps.map(({ name, value }) => ({ name, value })),
        },
      ],
    },
    true,
  );
}
