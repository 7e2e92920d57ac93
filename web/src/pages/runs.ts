// SPDX-License-Identifier: Apache-2.0
// Runs: start a run with live progress, the list of runs, the selected run's summary and
// downloads; the Sankey diagram (year and element pickers) and the time series by region and
// element of the selected run.
import { ApiError, Finding, getJson, hasRoute, postJson, runFindings } from '../api';
import { drawLines, drawSankey, SankeyLink, SankeyNode, Series } from '../charts';
import { card, cellText, errorBox, h, table } from '../dom';
import { columnLabel, lang, msg, t } from '../i18n';
import { RecordInfo, RunInfo, selectedRun, selectRun, TableInfo, TableRows } from '../state';

const kPollMs = 400;

function progressBar(run: RunInfo): HTMLElement {
  const pct = Math.round(run.progress_fraction * 100);
  return h('div', { class: `progress ${run.state}`, 'data-state': run.state, 'data-run': run.id },
    h('div', { class: 'bar', style: `width:${pct}%` }),
    h('span', {}, `${run.id} · ${run.state} · ${pct}% ${run.stage ?? ''}`));
}

async function poll(id: string, onUpdate: (run: RunInfo) => void): Promise<RunInfo> {
  for (;;) {
    const run = await getJson<RunInfo>(`/api/runs/${id}`);
    onUpdate(run);
    if (run.state === 'succeeded' || run.state === 'failed') return run;
    await new Promise((r) => setTimeout(r, kPollMs));
  }
}

// A button that starts a run of `scenarioId` and shows its progress underneath.
export async function startRunButton(scenarioId: string): Promise<HTMLElement> {
  const box = h('div', { class: 'run-start' });
  const status = h('div', {});
  const button = h('button', {
    'data-scenario': scenarioId,
    onclick: async () => {
      status.replaceChildren();
      button.setAttribute('disabled', '');
      try {
        const started = await postJson<RunInfo>('/api/runs', { scenario_id: scenarioId });
        const done = await poll(started.id, (run) => status.replaceChildren(progressBar(run)));
        if (done.state === 'succeeded') {
          selectRun(done.id);
          status.append(h('p', { class: 'ok' }, h('a', { href: '#/flows', id: 'open-flows' }, `${t('open')} ${done.id} → ${t('navFlows')}`)));
        } else if (done.error) {
          const e = done.error;
          status.append(errorBox(new ApiError(500, e.code, e.message, e.hint, e.location ?? '')));
        }
      } catch (e) {
        status.append(errorBox(e));
      } finally {
        button.removeAttribute('disabled');
      }
    },
  }, `${t('run')} ${scenarioId}`);
  box.append(button, status);
  return box;
}

export async function runsPage(main: HTMLElement): Promise<void> {
  if (!(await hasRoute('GET /api/runs'))) {
    main.append(card(t('runs'), h('p', {}, t('unavailable'))));
    return;
  }
  const listCard = card(t('runs'));
  const detail = h('div', {});
  main.append(listCard, detail);
  const refresh = async () => {
    const { runs } = await getJson<{ runs: RunInfo[] }>('/api/runs');
    listCard.querySelector('.body')?.remove();
    const body = h('div', { class: 'body' });
    if (!runs.length) body.append(h('p', {}, t('noRuns')));
    for (const run of [...runs].reverse()) {
      const open = h('button', { class: 'secondary', onclick: () => { selectRun(run.id); void showRun(detail, run.id); } }, t('open'));
      body.append(h('div', { class: 'run-row' }, progressBar(run), h('span', {}, run.scenario_id),
        h('span', {}, run.state === 'succeeded' ? `${run.elapsed_seconds.toFixed(2)} s` : ''), open));
    }
    listCard.append(body);
    if (runs.some((r) => r.state === 'running' || r.state === 'queued') && document.body.contains(listCard)) {
      setTimeout(() => void refresh(), kPollMs);
    }
  };
  try {
    await refresh();
    if (selectedRun()) await showRun(detail, selectedRun());
  } catch (e) {
    main.append(errorBox(e));
  }
}

async function showRun(detail: HTMLElement, id: string): Promise<void> {
  detail.replaceChildren();
  try {
    const run = await getJson<RunInfo>(`/api/runs/${id}`);
    if (run.state !== 'succeeded') {
      detail.append(card(`${t('summary')} ${id}`, progressBar(run)));
      return;
    }
    const summary = await getJson<Record<string, unknown>>(`/api/runs/${id}/summary`);
    const findings = await runFindings(id, lang(), (summary.findings as Finding[] | undefined) ?? []);
    const { tables } = await getJson<{ tables: TableInfo[] }>(`/api/runs/${id}/tables`);
    detail.append(
      card(`${t('summary')} — ${id}`,
        findings.length
          ? h('ul', { class: 'findings' }, ...findings.map((f) => h('li', {}, h('span', { class: 'tag' }, f.section_label ?? f.section), f.text)))
          : null,
        h('p', {}, h('a', { href: `/api/runs/${id}/report?lang=${lang()}`, target: '_blank' }, t('report')), ' · ',
          h('a', { href: `/api/runs/${id}/xlsx`, id: 'run-xlsx' }, t('workbook')), ' · ',
          h('a', { href: `/api/runs/${id}/summary`, target: '_blank' }, 'summary.json')),
        table([t('table'), 'unit', t('download')],
          tables.map((tb) => [tb.name, tb.value_column, '']),
          {
            cell: (col, v) => {
              if (col !== t('download')) return cellText(v);
              return '';
            },
          })),
    );
    detail.querySelectorAll('tbody tr').forEach((tr, i) => {
      const name = tables[i].name;
      tr.lastElementChild!.replaceChildren(h('a', { href: `/api/runs/${id}/tables/${name}?format=csv` }, t('downloadCsv')));
    });
  } catch (e) {
    detail.append(errorBox(e));
  }
}

function picker(label: string, id: string, items: string[], value: string): HTMLSelectElement {
  const select = h('select', { id, 'aria-label': label }, ...items.map((i) => h('option', { value: i }, i)));
  select.value = value;
  return select;
}

async function requireRun(main: HTMLElement): Promise<string | null> {
  if (!(await hasRoute('GET /api/runs/{id}/tables'))) {
    main.append(card(t('navFlows'), h('p', {}, t('unavailable'))));
    return null;
  }
  const id = selectedRun();
  if (!id) {
    main.append(h('p', { class: 'note' }, t('needRun')));
    return null;
  }
  return id;
}

// urbanmine-sankey/1 plus the years and elements the run offers.
interface SankeyAnswer {
  unit: string;
  years: number[];
  elements: string[];
  regions?: string[];
  year: number;
  element: string;
  region: string;
  nodes: Array<{ id: string; label: string; column: number }>;
  links: Array<{ source: string; target: string; value: number; from_table: string }>;
}

export async function flowsPage(main: HTMLElement): Promise<void> {
  const id = await requireRun(main);
  if (!id) return;
  const chartEl = h('div', { class: 'chart sankey', id: 'sankey' });
  const controls = h('div', { class: 'controls' });
  const note = h('p', { class: 'note' });
  main.append(card(`${t('sankeyTitle')} — run ${id}`, controls, chartEl, note));
  const load = async (year?: string, element?: string, region?: string) => {
    const q = new URLSearchParams();
    if (year) q.set('year', year);
    if (element) q.set('element', element);
    if (region && region !== 'WORLD') q.set('region', region);
    try {
      const s = await getJson<SankeyAnswer>(`/api/runs/${id}/sankey?${q}`);
      const yearSel = picker(t('year'), 'sankey-year', s.years.map(String), String(s.year));
      const elSel = picker(t('element'), 'sankey-element', s.elements, s.element);
      // Runs stored before regional flows answer without a region list: world only.
      const regionSel = picker(t('region'), 'sankey-region', s.regions ?? [s.region], s.region);
      const reload = () => void load(yearSel.value, elSel.value, regionSel.value);
      yearSel.addEventListener('change', reload);
      elSel.addEventListener('change', reload);
      regionSel.addEventListener('change', reload);
      controls.replaceChildren(h('label', {}, t('year'), yearSel), h('label', {}, t('element'), elSel),
        h('label', {}, t('region'), regionSel));
      // ECharts names nodes by their label; links refer to node ids.
      const label = new Map(s.nodes.map((n) => [n.id, n.label || n.id]));
      const nodes: SankeyNode[] = s.nodes.map((n) => ({ name: label.get(n.id)! }));
      const links: SankeyLink[] = s.links
        .filter((l) => l.value > 0)
        .map((l) => ({ source: label.get(l.source) ?? l.source, target: label.get(l.target) ?? l.target, value: l.value }));
      note.textContent = `${s.region} · ${s.year} · ${s.element} · ${links.length} flows (${s.unit})`;
      drawSankey(chartEl, nodes, links, s.unit);
    } catch (e) {
      controls.replaceChildren(errorBox(e));
    }
  };
  await load();
}

export async function seriesPage(main: HTMLElement): Promise<void> {
  const id = await requireRun(main);
  if (!id) return;
  try {
    const { tables } = await getJson<{ tables: TableInfo[] }>(`/api/runs/${id}/tables`);
    // Tables by region, element and year (not the large segment x chemistry ones).
    const usable = tables.filter((tb) => tb.dims.some((d) => d.name === 'region') && tb.dims.some((d) => d.name === 'year')
      && !tb.dims.some((d) => d.name === 'segment' || d.name === 'chemistry'));
    if (!usable.length) {
      main.append(card(t('seriesTitle'), h('p', {}, t('unavailable'))));
      return;
    }
    const preferred = usable.find((tb) => tb.name === 'end_of_life_t') ?? usable[0];
    const tableSel = picker(t('table'), 'series-table', usable.map((tb) => tb.name), preferred.name);
    const regionSel = h('select', { id: 'series-region' });
    const elementSel = h('select', { id: 'series-element' });
    const chartEl = h('div', { class: 'chart', id: 'series' });
    const desc = h('p', { class: 'note' });
    const csv = h('a', {}, t('downloadCsv'));
    main.append(card(`${t('seriesTitle')} — run ${id}`,
      h('div', { class: 'controls' }, h('label', {}, t('table'), tableSel), h('label', {}, t('region'), regionSel),
        h('label', {}, t('element'), elementSel), csv), desc, chartEl));
    const fill = (sel: HTMLSelectElement, items: string[], keep: string, all: string) => {
      sel.replaceChildren(...(all ? [h('option', { value: '' }, all)] : []), ...items.map((i) => h('option', { value: i }, i)));
      sel.value = items.includes(keep) ? keep : all ? '' : items[0] ?? '';
      sel.disabled = items.length === 0;
    };
    const draw = async () => {
      const info = usable.find((tb) => tb.name === tableSel.value)!;
      const q = new URLSearchParams();
      if (regionSel.value) q.set('region', regionSel.value);
      if (elementSel.value) q.set('element', elementSel.value);
      csv.setAttribute('href', `/api/runs/${id}/tables/${info.name}?${q}&format=csv`);
      const data = await getJson<TableRows>(`/api/runs/${id}/tables/${info.name}?${q}`);
      desc.textContent = `${msg(`table.${info.name}.description`) ?? info.description} — ${regionSel.value || t('allRegions')}`;
      const yearIdx = data.columns.indexOf('year');
      const valueIdx = data.columns.indexOf(data.value_column);
      const groupIdx = data.columns.indexOf('element');
      const groups = new Map<string, Map<number, number>>();
      for (const row of data.rows) {
        const key = groupIdx >= 0 ? String(row[groupIdx]) : info.name;
        const year = Number(row[yearIdx]);
        const g = groups.get(key) ?? new Map<number, number>();
        g.set(year, (g.get(year) ?? 0) + Number(row[valueIdx]));
        groups.set(key, g);
      }
      const series: Series[] = [...groups.entries()].map(([name, g]) => ({
        name, points: [...g.entries()].sort((a, b) => a[0] - b[0]),
      }));
      drawLines(chartEl, series, columnLabel(data.value_column));
    };
    // Aggregates the run holds whole (EU27, WORLD, ...), from its regions record table; the API
    // sums a table over their member regions (not fractions, which do not add up).
    let aggregates: string[] = [];
    try {
      const regions = await getJson<RecordInfo>(`/api/runs/${id}/records/regions`);
      const held = new Set(regions.rows.flatMap((r) => String(r[2] ?? '').split(';').filter(Boolean)));
      aggregates = ['WORLD', 'EU27', 'EUROPE', 'NORTH_AMERICA'].filter((a) => held.has(a));
    } catch {
      aggregates = [];
    }
    const onTable = () => {
      const info = usable.find((tb) => tb.name === tableSel.value)!;
      const additive = !info.value_column.endsWith('_fraction');
      const regions = [...(additive ? aggregates : []),
        ...(info.dims.find((d) => d.name === 'region')?.items ?? [])];
      const elements = info.dims.find((d) => d.name === 'element')?.items ?? [];
      fill(regionSel, regions, regionSel.value, t('allRegions'));
      fill(elementSel, elements, elementSel.value, t('allElements'));
      void draw();
    };
    tableSel.addEventListener('change', onTable);
    regionSel.addEventListener('change', () => void draw());
    elementSel.addEventListener('change', () => void draw());
    onTable();
  } catch (e) {
    main.append(errorBox(e));
  }
}
