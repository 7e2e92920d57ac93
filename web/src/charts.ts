// SPDX-License-Identifier: Apache-2.0
// Apache ECharts (bundled from npm, canvas renderer, no CDN): the Sankey diagram and time-series
// line charts of the dashboard.
import { BarChart, LineChart, MapChart, SankeyChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  MapChart,
  VisualMapComponent,
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
    const created = echarts.init(el, undefined, { renderer: 'canvas' });
    chart = created;
    charts.set(el, created);
    // Resized with its element; disposed once the page that held it is gone (a map laid out at
    // zero size throws).
    const observer = new ResizeObserver(() => {
      if (!el.isConnected) {
        observer.disconnect();
        charts.delete(el);
        created.dispose();
      } else if (el.clientWidth > 0 && el.clientHeight > 0) {
        created.resize();
      }
    });
    observer.observe(el);
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

// A world choropleth: `geo` is a GeoJSON FeatureCollection whose features carry
// properties.name (the codes `values` use); countries without a value are drawn grey.
let registeredMap = '';
export function drawWorldMap(el: HTMLElement, geo: object, mapName: string,
                             values: Array<{ name: string; value: number; label: string }>,
                             unit: string): void {
  if (registeredMap !== mapName) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    echarts.registerMap(mapName, geo as any);
    registeredMap = mapName;
  }
  const max = Math.max(1, ...values.map((v) => v.value));
  const labels = new Map(values.map((v) => [v.name, v.label]));
  const chart = chartFor(el);
  chart.setOption(
    {
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; value: number }) =>
          Number.isFinite(p.value) ? `${labels.get(p.name) ?? p.name}: ${Math.round(p.value).toLocaleString('en-US')} ${unit}` : `${p.name}: —`,
      },
      visualMap: { min: 0, max, left: 'left', bottom: 10, text: [unit, '0'], calculable: true,
        inRange: { color: ['#e8f1fa', '#4e79a7', '#1d3b5c'] } },
      series: [{ type: 'map', map: mapName, roam: true, emphasis: { label: { show: false } },
        itemStyle: { areaColor: '#eceff3', borderColor: '#ffffff', borderWidth: 0.5 }, data: values }],
    },
    true,
  );
}
