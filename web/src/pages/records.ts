// SPDX-License-Identifier: Apache-2.0
// Cooperation pages of the selected run: the supply-risk table (and HHI of any element), the
// policy checks (pass, fail, gap, legal reference) and the country ranking with each score's
// parts and adjustable weights. Each page shows the record tables the server computes for the
// run ({tables: [{name, title, description, columns, rows}]}).
import { getJson, hasRoute } from '../api';
import { drawStackedBars } from '../charts';
import { card, cellNode, cellText, errorBox, h, table } from '../dom';
import { columnLabel, isEnglishProse, LabelKey, lang, msg, t } from '../i18n';
import { RecordInfo, selectedRun } from '../state';

// In Korean: a coded value or place in the catalogue's words, other English prose as written
// (marked lang="en"); numbers and codes as they are.
function localCell(col: string, v: unknown): Node | string {
  if (typeof v !== 'string' || v === '') return cellNode(col, v);
  const named = msg(`value.${col}.${v}`) ?? msg(`place.${v}`);
  if (named) return named;
  if (lang() === 'ko' && isEnglishProse(v)) {
    const node = cellNode(col, v);
    return h('span', { lang: 'en' }, node);
  }
  return cellNode(col, v);
}

// Column header: the catalogue's name in Korean, else the readable column name.
function localColumn(col: string): string {
  return msg(`column.${col}`) ?? columnLabel(col);
}

function statusCell(col: string, v: unknown): Node | string {
  const text = cellText(v, col);
  if (/^(status|result|outcome|pass(ed)?|verdict)$/i.test(col) || col.endsWith('_status')) {
    const lower = text.toLowerCase();
    const cls = lower === 'pass' || lower === 'true' ? 'badge pass'
      : lower === 'fail' || lower === 'false' ? 'badge fail' : 'badge';
    const shown = lower === 'pass' ? t('pass') : lower === 'fail' ? t('fail')
      : msg(`value.${col}.${text}`) ?? text;
    return h('span', { class: cls }, shown);
  }
  return localCell(col, v);
}

// The columns shown first for known record tables (the rest stay in the CSV download).
const kShownColumns: Record<string, string[]> = {
  policy_checks: ['rule_id', 'jurisdiction', 'region', 'element', 'year', 'status', 'value_fraction',
    'comparator', 'threshold_fraction', 'gap_fraction', 'legal_reference', 'reason'],
};

// Policy checks: evaluated rules first (fail, pass), then the ones that could not be evaluated.
function ordered(rec: RecordInfo): unknown[][] {
  const status = rec.columns.indexOf('status');
  if (rec.name !== 'policy_checks' || status < 0) return rec.rows;
  const rank = (v: unknown) => (v === 'fail' ? 0 : v === 'pass' ? 1 : 2);
  return [...rec.rows].sort((a, b) => rank(a[status]) - rank(b[status]));
}

function visible(rec: RecordInfo): { columns: string[]; rows: unknown[][] } {
  const rows = ordered(rec);
  const wanted = kShownColumns[rec.name]?.filter((c) => rec.columns.includes(c));
  if (!wanted) return { columns: rec.columns, rows };
  const idx = wanted.map((c) => rec.columns.indexOf(c));
  return { columns: wanted, rows: rows.map((r) => idx.map((i) => r[i])) };
}

function statusSummary(rec: RecordInfo): HTMLElement | null {
  const status = rec.columns.indexOf('status');
  if (status < 0) return null;
  const counts = new Map<string, number>();
  for (const r of rec.rows) counts.set(String(r[status]), (counts.get(String(r[status])) ?? 0) + 1);
  return h('p', { class: 'counts' }, ...[...counts.entries()].map(([k, n]) =>
    h('span', { class: `badge ${k === 'pass' ? 'pass' : k === 'fail' ? 'fail' : ''}` },
      `${k === 'pass' ? t('pass') : k === 'fail' ? t('fail') : msg(`value.status.${k}`) ?? k}: ${n}`)));
}

// Market ranking: one stacked bar per country, one segment per score part.
function partsChart(rec: RecordInfo): HTMLElement | null {
  const parts = rec.columns.filter((c) => c.startsWith('part_'));
  const region = rec.columns.indexOf('region');
  if (!parts.length || region < 0) return null;
  const el = h('div', { class: 'chart parts', id: 'market-parts' });
  const rows = rec.rows.slice(0, 20);
  requestAnimationFrame(() => drawStackedBars(el, rows.map((r) => String(r[region])),
    parts.map((p) => ({ name: p.replace(/^part_/, ''), values: rows.map((r) => Number(r[rec.columns.indexOf(p)]) || 0) }))));
  return el;
}

function recordCards(tables: RecordInfo[], csvHref: string, fallbackTitle: string): HTMLElement[] {
  return tables.map((rec) => {
    const shown = visible(rec);
    const holder = h('div', { class: 'scroll' });
    // Long tables get region and element pickers (filtering the rows shown).
    const filters: Array<{ col: number; select: HTMLSelectElement }> = [];
    if (shown.rows.length > 40) {
      for (const name of ['region', 'element']) {
        const col = shown.columns.indexOf(name);
        if (col < 0) continue;
        const values = [...new Set(shown.rows.map((r) => String(r[col])))].sort();
        const select = h('select', { 'data-filter': name },
          h('option', { value: '' }, name === 'region' ? t('allRegions') : t('allElements')),
          ...values.map((v) => h('option', { value: v }, msg(`value.${name}.${v}`) ?? msg(`place.${v}`) ?? v)));
        filters.push({ col, select });
      }
    }
    const redraw = () => {
      const rows = shown.rows.filter((r) => filters.every((f) => !f.select.value || String(r[f.col]) === f.select.value));
      holder.replaceChildren(table(shown.columns, rows, { label: localColumn, cell: statusCell }));
    };
    filters.forEach((f) => f.select.addEventListener('change', redraw));
    redraw();
    const koDescription = msg(`records.${rec.name}.description`);
    // The API's English description, marked as such on a Korean page when the catalogue has none.
    const description = koDescription ? h('p', { class: 'note' }, koDescription)
      : rec.description ? h('p', lang() === 'ko' ? { class: 'note', lang: 'en' } : { class: 'note' }, rec.description)
        : null;
    const el = card(msg(`records.${rec.name}.title`) ?? (rec.title || fallbackTitle),
      description,
      statusSummary(rec),
      partsChart(rec),
      filters.length ? h('div', { class: 'controls' }, ...filters.map((f) =>
        h('label', {}, localColumn(f.select.getAttribute('data-filter') ?? ''), f.select))) : null,
      holder,
      h('p', {}, h('a', { href: csvHref }, `${t('download')} ${t('downloadCsv')}`)));
    el.setAttribute('data-record', rec.name);
    return el;
  });
}

async function runRecords(main: HTMLElement, title: LabelKey, route: string, path: string,
                          controls?: (reload: (query: string) => void) => HTMLElement): Promise<void> {
  const id = selectedRun();
  if (!(await hasRoute(route))) {
    main.append(card(t(title), h('p', {}, t('unavailable'))));
    return;
  }
  if (!id) {
    main.append(card(t(title), h('p', { class: 'note' }, t('needRun'))));
    return;
  }
  const out = h('div', {});
  const load = async (query: string) => {
    out.replaceChildren(h('p', { class: 'note' }, t('loading')));
    try {
      const base = `/api/runs/${id}/${path}`;
      // In Korean the server translates the text cells it can (reasons, metric names); the CSV
      // download stays as stored.
      const shown = lang() === 'ko' ? [query, 'lang=ko'].filter((q) => q).join('&') : query;
      const { tables } = await getJson<{ tables: RecordInfo[] }>(`${base}?${shown}`);
      out.replaceChildren(...recordCards(tables, `${base}?${query}&format=csv`, `${t(title)} — ${id}`));
    } catch (e) {
      out.replaceChildren(errorBox(e));
    }
  };
  main.append(h('h2', { class: 'page-title' }, `${t(title)} — run ${id}`));
  if (controls) main.append(card(t(title), controls((q) => void load(q))));
  main.append(out);
  await load('');
}

export async function riskPage(main: HTMLElement): Promise<void> {
  if (await hasRoute('GET /api/risk/hhi')) {
    const element = h('select', { id: 'hhi-element' },
      ...['Li', 'Ni', 'Co', 'Mn', 'graphite'].map((e) => h('option', { value: e }, e)));
    const stage = h('select', { id: 'hhi-stage' },
      ...['mine', 'refining', 'reserves'].map((s) => h('option', { value: s }, s)));
    const out = h('div', {});
    const go = async () => {
      try {
        const q = `element=${element.value}&stage=${stage.value}`;
        const shown = lang() === 'ko' ? `${q}&lang=ko` : q;
        const { tables } = await getJson<{ tables: RecordInfo[] }>(`/api/risk/hhi?${shown}`);
        out.replaceChildren(...recordCards(tables, `/api/risk/hhi?${q}&format=csv`, 'HHI'));
      } catch (e) {
        out.replaceChildren(errorBox(e));
      }
    };
    element.addEventListener('change', () => void go());
    stage.addEventListener('change', () => void go());
    main.append(card(t('hhiTitle'),
      h('div', { class: 'controls' }, h('label', {}, t('element'), element), h('label', {}, t('supplyStage'), stage))), out);
    await go();
  }
  await runRecords(main, 'riskTitle', 'GET /api/runs/{id}/risk', 'risk');
}

export async function policyPage(main: HTMLElement): Promise<void> {
  await runRecords(main, 'policyTitle', 'GET /api/runs/{id}/policy', 'policy');
}

export async function marketPage(main: HTMLElement): Promise<void> {
  const criteria = ['feedstock', 'policy', 'risk', 'growth'];
  await runRecords(main, 'marketTitle', 'GET /api/runs/{id}/market', 'market', (reload) => {
    const inputs = criteria.map((c) => h('input', { type: 'number', min: '0', step: '0.05', value: '0.25', 'data-criterion': c }));
    const apply = h('button', {
      onclick: () => reload(`weights=${encodeURIComponent(criteria.map((c, i) => `${c}=${inputs[i].value}`).join(','))}`),
    }, t('compute'));
    return h('div', { class: 'controls' },
      ...criteria.map((c, i) => h('label', {}, `${t('weight')}: ${c}`, inputs[i])), apply);
  });
}
