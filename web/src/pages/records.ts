// SPDX-License-Identifier: Apache-2.0
// Cooperation pages of the selected run: the supply-risk table (and HHI of any element), the
// policy checks (pass, fail, gap, legal reference) and the country ranking with each score's
// parts and adjustable weights. Each page shows the record tables the server computes for the
// run ({tables: [{name, title, description, columns, rows}]}).
import { getJson, hasRoute } from '../api';
import { card, cellText, errorBox, h, table } from '../dom';
import { columnLabel, LabelKey, t } from '../i18n';
import { RecordInfo, selectedRun } from '../state';

function statusCell(col: string, v: unknown): Node | string {
  const text = cellText(v);
  if (/^(status|result|outcome|pass(ed)?|verdict)$/i.test(col) || col.endsWith('_status')) {
    const lower = text.toLowerCase();
    const cls = lower === 'pass' || lower === 'true' ? 'badge pass'
      : lower === 'fail' || lower === 'false' ? 'badge fail' : 'badge';
    const shown = lower === 'pass' ? t('pass') : lower === 'fail' ? t('fail') : text;
    return h('span', { class: cls }, shown);
  }
  return text;
}

function recordCards(tables: RecordInfo[], csvHref: string, fallbackTitle: string): HTMLElement[] {
  return tables.map((rec) => {
    const el = card(rec.title || fallbackTitle,
      rec.description ? h('p', { class: 'note' }, rec.description) : null,
      h('div', { class: 'scroll' }, table(rec.columns, rec.rows, { label: columnLabel, cell: statusCell })),
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
      const { tables } = await getJson<{ tables: RecordInfo[] }>(`${base}?${query}`);
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
        const { tables } = await getJson<{ tables: RecordInfo[] }>(`/api/risk/hhi?${q}`);
        out.replaceChildren(...recordCards(tables, `/api/risk/hhi?${q}&format=csv`, 'HHI'));
      } catch (e) {
        out.replaceChildren(errorBox(e));
      }
    };
    element.addEventListener('change', () => void go());
    stage.addEventListener('change', () => void go());
    main.append(card(`HHI — ${t('element')}`,
      h('div', { class: 'controls' }, h('label', {}, t('element'), element), h('label', {}, 'stage', stage))), out);
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
