// SPDX-License-Identifier: Apache-2.0
// Compare page: two finished runs (the first is the reference), a region (aggregates such as
// EU27 offered first), a year and an element; shows the answer sentence, the headline figures
// with their differences and a chart per figure with both runs overlaid, and links to the
// comparison page (HTML) and every difference (CSV) of GET /api/compare.
import { getJson, hasRoute } from '../api';
import { Series, drawLines } from '../charts';
import { card, clear, errorBox, formatNumber, h, table } from '../dom';
import { lang, msg, t } from '../i18n';
import { RecordInfo, RunInfo } from '../state';

interface Comparison {
  answer: string;
  region: string;
  year: number;
  runs: Array<{ label: string; source: string; description: string }>;
  headline: Array<{
    table: string; title: string; element: string; unit: string;
    values: number[]; deltas: number[]; delta_fractions: Array<number | null>;
  }>;
  series: Array<{ table: string; element: string; unit: string; years: number[]; values: number[][] }>;
  differences_count: number;
}

type Run = RunInfo & { scenario_name?: string };

const kAggregates = ['WORLD', 'EU27', 'EUROPE', 'NORTH_AMERICA'];
const kElements = ['Li', 'Ni', 'Co', 'Mn', 'graphite', 'Cu', 'Al'];

function runLabel(r: Run): string {
  return `${r.id} · ${r.scenario_name ?? r.scenario_id}`;
}

function percent(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return 'n/a';
  return `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)} %`;
}

export async function comparePage(main: HTMLElement): Promise<void> {
  if (!(await hasRoute('GET /api/compare'))) {
    main.append(card(t('compareTitle'), h('p', {}, t('unavailable'))));
    return;
  }
  try {
    const { runs } = await getJson<{ runs: Run[] }>('/api/runs');
    const done = runs.filter((r) => r.state === 'succeeded');
    if (done.length < 2) {
      main.append(card(t('compareTitle'), h('p', { id: 'compare-needs-two' }, t('compareNeedsTwo'))));
      return;
    }
    // Runs come newest first: compare the newest with the one before it.
    const option = (r: Run) => h('option', { value: r.id }, runLabel(r));
    const refSel = h('select', { id: 'compare-ref' }, ...done.map(option));
    const otherSel = h('select', { id: 'compare-other' }, ...done.map(option));
    refSel.value = done[1].id;
    otherSel.value = done[0].id;
    const regionSel = h('select', { id: 'compare-region' });
    const yearInput = h('input', { id: 'compare-year', type: 'number', min: '2010', max: '2100', value: '2040' });
    const elementSel = h('select', { id: 'compare-element' }, ...kElements.map((e) => h('option', { value: e }, e)));
    const go = h('button', { id: 'compare-go', class: 'primary' }, t('compareGo'));
    const out = h('div', { id: 'compare-out' });
    main.append(card(t('compareTitle'),
      h('div', { class: 'controls' },
        h('label', {}, t('referenceRun'), refSel), h('label', {}, t('comparedRun'), otherSel),
        h('label', {}, t('region'), regionSel), h('label', {}, t('year'), yearInput),
        h('label', {}, t('element'), elementSel), go),
      out));

    // Regions of the reference run: the aggregates it holds whole, then its model regions.
    const fillRegions = async () => {
      const keep = regionSel.value || 'WORLD';
      const regions = await getJson<RecordInfo>(`/api/runs/${refSel.value}/records/regions`);
      const model = regions.rows.map((r) => String(r[0]));
      const held = new Set(regions.rows.flatMap((r) => String(r[2] ?? '').split(';').filter(Boolean)));
      const aggregates = kAggregates.filter((a) => held.has(a));
      regionSel.replaceChildren(...[...aggregates, ...model].map((c) => h('option', { value: c }, c)));
      regionSel.value = [...aggregates, ...model].includes(keep) ? keep : (aggregates[0] ?? model[0]);
    };

    const compare = async () => {
      clear(out);
      out.append(h('p', { class: 'note' }, t('loading')));
      const q = new URLSearchParams({
        runs: `${refSel.value},${otherSel.value}`,
        region: regionSel.value,
        year: yearInput.value,
        element: elementSel.value,
      });
      try {
        const c = await getJson<Comparison>(`/api/compare?${q}&lang=${lang()}`);
        clear(out);
        out.append(h('p', { class: 'answer', id: 'compare-answer' }, h('strong', {}, c.answer)));
        const labels = c.runs.map((r) => r.label);
        out.append(table(
          [t('figure'), ...labels, t('difference'), t('differencePercent')],
          c.headline.map((f) => [msg(`compare.headline.${f.table}`) ?? f.title, ...f.values, f.deltas[1], percent(f.delta_fractions[1])]),
          { cell: (_col, v) => (typeof v === 'number' ? formatNumber(v) : String(v)) },
        ));
        for (const r of c.runs) {
          if (r.description) out.append(h('p', lang() === 'ko' ? { class: 'note', lang: 'en' } : { class: 'note' }, `${r.label}: ${r.description}`));
        }
        const grid = h('div', { class: 'grid2' });
        out.append(grid);
        for (const s of c.series) {
          const title = msg(`compare.headline.${s.table}`) ?? c.headline.find((f) => f.table === s.table)?.title ?? s.table;
          const chart = h('div', { class: 'chart', 'data-table': s.table });
          grid.append(h('figure', {}, h('figcaption', {}, `${title}, ${s.element}, ${msg(`place.${c.region}`) ?? c.region}`), chart));
          const series: Series[] = s.values.map((line, i) => ({
            name: labels[i], points: line.map((v, k) => [s.years[k], v] as [number, number]),
          }));
          drawLines(chart, series, 't');
        }
        out.append(h('p', {},
          h('a', { href: `/api/compare?${q}&format=html&lang=${lang()}`, target: '_blank', id: 'compare-html' }, t('comparePage')),
          ' · ',
          h('a', { href: `/api/compare?${q}&format=csv`, id: 'compare-csv' },
            `${t('allDifferences')}: ${formatNumber(c.differences_count)}`)));
      } catch (e) {
        clear(out);
        out.append(errorBox(e));
      }
    };
    refSel.addEventListener('change', () => void fillRegions());
    go.addEventListener('click', () => void compare());
    await fillRegions();
  } catch (e) {
    main.append(errorBox(e));
  }
}
