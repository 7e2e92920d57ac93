// SPDX-License-Identifier: Apache-2.0
// Record-table pages of the selected run: the supply-risk table, the policy checks (pass, fail,
// gap, legal reference) and the country ranking with each score's parts. The engine appends
// these as RecordTables to a run; the page shows every record table whose name matches.
import { getJson, hasRoute } from '../api';
import { card, cellText, errorBox, h, table } from '../dom';
import { columnLabel, LabelKey, t } from '../i18n';
import { RecordInfo, selectedRun } from '../state';

function statusCell(col: string, v: unknown): Node | string {
  const text = cellText(v);
  if (/^(status|result|outcome|pass(ed)?)$/i.test(col) || col.endsWith('_status')) {
    const lower = text.toLowerCase();
    const cls = lower === 'pass' || lower === 'true' ? 'badge pass' : lower === 'fail' || lower === 'false' ? 'badge fail' : 'badge';
    const shown = lower === 'pass' ? t('pass') : lower === 'fail' ? t('fail') : text;
    return h('span', { class: cls }, shown);
  }
  return text;
}

async function recordPage(main: HTMLElement, title: LabelKey, pattern: RegExp): Promise<void> {
  const id = selectedRun();
  if (!(await hasRoute('GET /api/runs/{id}/records/{name}'))) {
    main.append(card(t(title), h('p', {}, t('unavailable'))));
    return;
  }
  if (!id) {
    main.append(card(t(title), h('p', { class: 'note' }, t('needRun'))));
    return;
  }
  try {
    const { records } = await getJson<{ records: RecordInfo[] }>(`/api/runs/${id}/tables`);
    const matching = records.filter((r) => pattern.test(r.name));
    if (!matching.length) {
      main.append(card(`${t(title)} — ${id}`, h('p', {}, t('unavailable'))));
      return;
    }
    for (const info of matching) {
      const rec = await getJson<RecordInfo>(`/api/runs/${id}/records/${info.name}`);
      main.append(card(`${rec.title || t(title)} — ${id}`,
        rec.description ? h('p', { class: 'note' }, rec.description) : null,
        h('div', { class: 'scroll' }, table(rec.columns, rec.rows, { label: columnLabel, cell: statusCell })),
        h('p', {}, h('a', { href: `/api/runs/${id}/records/${rec.name}?format=csv` }, `${t('download')} ${t('downloadCsv')}`)),
      ));
      main.lastElementChild?.setAttribute('data-record', rec.name);
    }
  } catch (e) {
    main.append(errorBox(e));
  }
}

export const riskPage = (main: HTMLElement) => recordPage(main, 'riskTitle', /risk|hhi|concentration/);
export const policyPage = (main: HTMLElement) => recordPage(main, 'policyTitle', /policy/);
export const marketPage = (main: HTMLElement) => recordPage(main, 'marketTitle', /market|rank/);
