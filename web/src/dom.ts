// SPDX-License-Identifier: Apache-2.0
// Tiny DOM helpers: h() builds elements, table() renders rows, errorBox() shows an ApiError with
// its hint and location.
import { ApiError } from './api';
import { koreanError, lang, t } from './i18n';

type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | ((e: Event) => void)> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (typeof value === 'function') {
      el.addEventListener(key.replace(/^on/, '').toLowerCase(), value);
    } else if (typeof value === 'boolean') {
      if (value) el.setAttribute(key, '');
    } else {
      el.setAttribute(key, value);
    }
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'number' ? String(child) : child);
  }
  return el;
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 0.01 || abs >= 1e9)) return value.toExponential(3);
  return value.toLocaleString('en-US', { maximumFractionDigits: abs < 10 ? 3 : 1 });
}

export function cellText(value: unknown, column = ''): string {
  if (value === null || value === undefined || value === '') return t('empty');
  if (typeof value === 'number') {
    // Years and ranks are plain integers, never "2,040".
    if (/(^|_)(year|rank)s?$|^rank|_year$/.test(column) && Number.isInteger(value)) return String(value);
    return formatNumber(value);
  }
  return String(value);
}

// Long text (reasons, notes, sources) is cut to one line; the full text shows on hover.
const kLongText = 56;
function cellNode(column: string, value: unknown): Node | string {
  const text = cellText(value, column);
  if (text.length <= kLongText) return text;
  return h('span', { class: 'long', title: text }, `${text.slice(0, kLongText - 1)}…`);
}

export { cellNode };

export function table(
  columns: string[],
  rows: unknown[][],
  options: { label?: (c: string) => string; cell?: (col: string, v: unknown) => Node | string } = {},
): HTMLTableElement {
  const label = options.label ?? ((c: string) => c);
  const head = h('tr', {}, ...columns.map((c) => h('th', {}, label(c))));
  const body = rows.map((row) =>
    h(
      'tr',
      {},
      ...row.map((v, i) => {
        const col = columns[i] ?? '';
        // Nodes (buttons, links) are placed as they are.
        const content = v instanceof Node ? v : options.cell ? options.cell(col, v) : cellNode(col, v);
        return h('td', { class: typeof v === 'number' ? 'num' : '', 'data-col': col }, content);
      }),
    ),
  );
  return h('table', { class: 'data' }, h('thead', {}, head), h('tbody', {}, ...body));
}

export function errorBox(e: unknown): HTMLElement {
  if (e instanceof ApiError) {
    if (lang() === 'ko') {
      // A Korean sentence for the code first; the server's message and hint (English) as written.
      return h(
        'div',
        { class: 'error', role: 'alert' },
        h('strong', {}, `${t('error')} ${e.status} (${e.code}): `),
        koreanError(e.code),
        h('div', { class: 'detail', lang: 'en' }, e.message),
        // The location is a path the server names ("request body: $.mass_tonnes", "query: lang").
        e.location ? h('div', { class: 'where' }, `${t('where')}: `, h('span', { lang: 'en' }, e.location)) : null,
        e.hint ? h('div', { class: 'hint' }, `${t('hint')}: `, h('span', { lang: 'en' }, e.hint)) : null,
      );
    }
    return h(
      'div',
      { class: 'error', role: 'alert' },
      h('strong', {}, `${t('error')} ${e.status} (${e.code}): `),
      e.message,
      e.location ? h('div', { class: 'where' }, e.location) : null,
      e.hint ? h('div', { class: 'hint' }, `${t('hint')}: ${e.hint}`) : null,
    );
  }
  // Not an API answer (the network, a parse error): shown as the browser words it, marked.
  return h('div', { class: 'error', role: 'alert' },
    lang() === 'ko' ? h('span', { lang: 'en' }, String(e)) : String(e));
}

export function card(title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'card' }, h('h2', {}, title), ...children);
}
