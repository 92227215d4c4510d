import type { BarSeriesOption, FunnelSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

// the options of the dashboard's charts; ECharts itself is registered and loaded by DashboardChart.vue

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | FunnelSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
>;

const FONT = '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif';

export interface Theme {
  text: string;
  bar: string;
  fontSize: number;
}
export const LIGHT: Theme = { text: '#303133', bar: '#2f6fb3', fontSize: 12 };
export const SCREEN: Theme = { text: '#dbe7ff', bar: '#3fa7ff', fontSize: 18 };

export function scoreBars(names: string[], scores: number[], narrow: boolean, theme = LIGHT): ChartOption {
  return {
    textStyle: { fontFamily: FONT, color: theme.text, fontSize: theme.fontSize },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'category',
      data: names,
      // ten bureau names fit side by side on a desk screen, not on a phone
      axisLabel: { interval: 0, rotate: names.length <= 6 ? 0 : narrow ? 60 : 30, color: theme.text },
    },
    yAxis: { type: 'value', name: '得分', axisLabel: { color: theme.text } },
    series: [
      {
        type: 'bar',
        data: scores,
        barMaxWidth: 28,
        itemStyle: { color: theme.bar, borderRadius: [3, 3, 0, 0] },
        label: { show: true, position: 'top', color: theme.text, formatter: ({ value }) => Number(value).toFixed(1) },
      },
    ],
  };
}

export function rankLines(
  weeks: string[],
  series: { name: string; ranks: (number | null)[] }[],
  bureauCount: number,
  theme = LIGHT,
): ChartOption {
  return {
    textStyle: { fontFamily: FONT, color: theme.text, fontSize: theme.fontSize },
    grid: { left: 8, right: 16, top: 56, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0, textStyle: { color: theme.text } },
    xAxis: { type: 'category', data: weeks, boundaryGap: false, axisLabel: { color: theme.text } },
    // rank 1 on top: a rising line is a bureau climbing
    yAxis: {
      type: 'value',
      inverse: true,
      min: 1,
      max: Math.max(bureauCount, 1),
      interval: 1,
      name: '名次',
      nameLocation: 'start',
      axisLabel: { color: theme.text },
    },
    series: series.map((s) => ({ type: 'line', name: s.name, data: s.ranks, connectNulls: true, symbolSize: 6 })),
  };
}

export interface FunnelStep {
  name: string;
  value: number;
  /** Conversion from the step before and the median stay; shown on hover, the segments are too narrow. */
  note?: string;
}

export function funnel(steps: FunnelStep[], theme = LIGHT): ChartOption {
  return {
    textStyle: { fontFamily: FONT, color: theme.text, fontSize: theme.fontSize },
    tooltip: {
      trigger: 'item',
      formatter: (params) => {
        const step = steps[(params as { dataIndex: number }).dataIndex];
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
  };
}
