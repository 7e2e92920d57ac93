// SPDX-License-Identifier: Apache-2.0
// Apache ECharts (bundled from npm, canvas renderer, no CDN): the Sankey diagram and time-series
// line charts of the dashboard.
import { BarChart, LineChart, SankeyChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  SankeyChart,
  LineChart,
  BarChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export interface SankeyNode {
  name: string;
}
export interface SankeyLink {
  source: string;
  target: string;
  value: number;
}

const charts = new WeakMap<HTMLElement, echarts.ECharts>();

function chartFor(el: HTMLElement): echarts.ECharts {
  let chart = charts.get(el);
  if (!chart) {
    chart = echarts.init(el, undefined, { renderer: 'canvas' });
    charts.set(el, chart);
    new ResizeObserver(() => chart?.resize()).observe(el);
  }
  return chart;
}

export function drawSankey(el: HTMLElement, nodes: SankeyNode[], links: SankeyLink[],
                           unit: string): void {
  const chart = chartFor(el);
  chart.setOption(
    {
      tooltip: {
        trigger: 'item',
        valueFormatter: (v: unknown) =>
          `${Number(v).toLocaleString('en-US', { maximumFractionDigits: 1 })} ${unit}`,
      },
      series: [
        {
          type: 'sankey',
          data: nodes,
          links,
          emphasis: { focus: 'adjacency' },
          nodeAlign: 'left',
          layoutIterations: 64,
          lineStyle: { color: 'gradient', curveness: 0.5, opacity: 0.45 },
          label: { fontSize: 12, color: '#1f2933' },
          left: 10,
          right: 150,
          top: 10,
          bottom: 10,
        },
      ],
    },
    true,
  );
}

export interface Series {
  name: string;
  points: Array<[number, number]>;
}

export function drawLines(el: HTMLElement, series: Series[], unit: string): void {
  const chart = chartFor(el);
  chart.setOption(
    {
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 70, right: 24, top: 40, bottom: 40 },
      xAxis: { type: 'value', min: 'dataMin', max: 'dataMax', minInterval: 1, axisLabel: { formatter: (v: number) => String(v) } },
      yAxis: { type: 'value', name: unit, nameLocation: 'end' },
      series: series.map((s) => ({
        type: 'line',
        name: s.name,
        data: s.points,
        showSymbol: false,
        smooth: false,
      })),
    },
    true,
  );
}

// Horizontal stacked bars: one bar per category (top first), one segment per series.
export function drawStackedBars(el: HTMLElement, categories: string[],
                                series: Array<{ name: string; values: number[] }>): void {
  const chart = chartFor(el);
  chart.setOption(
    {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 60, right: 24, top: 36, bottom: 24 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: categories, inverse: true },
      series: series.map((s) => ({ type: 'bar', stack: 'score', name: s.name, data: s.values })),
    },
    true,
  );
}
