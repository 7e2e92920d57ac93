// SPDX-License-Identifier: Apache-2.0
// Plant: the recycling mass balance, economics and CO2 of one feed (POST /api/plant/balance,
// like `urbanmine plant balance`).
import { hasRoute, postJson } from '../api';
import { card, cellText, errorBox, h, table } from '../dom';
import { columnLabel, t } from '../i18n';

// An amount of money with its currency and price year: {amount, currency, price_year}.
interface Money { amount: number; currency: string; price_year: number }
function isMoney(v: unknown): v is Money {
  return !!v && typeof v === 'object' && 'amount' in v && 'currency' in v && 'price_year' in v;
}
// "5,450,131 USD (2019 prices)": the year is a year, never "2,019".
function moneyText(m: Money): string {
  return `${cellText(m.amount)} ${m.currency} (${m.price_year} ${t('prices')})`;
}
// One value under its key: money as money, a list of money as lines, numbers by their column.
function valueText(key: string, v: unknown): string {
  if (isMoney(v)) return moneyText(v);
  if (Array.isArray(v) && v.every(isMoney)) return v.map(moneyText).join('; ');
  if (Array.isArray(v)) return v.map((x) => cellText(x)).join(', ');
  return cellText(v, key);
}

function render(value: unknown): Node {
  if (Array.isArray(value)) {
    if (value.length && typeof value[0] === 'object' && value[0] !== null && !isMoney(value[0])) {
      const cols = Object.keys(value[0] as object);
      return table(cols, value.map((r) => cols.map((c) => valueText(c, (r as Record<string, unknown>)[c]))),
        { label: columnLabel });
    }
    return document.createTextNode(valueText('', value));
  }
  if (value && typeof value === 'object') {
    const rows = Object.entries(value as Record<string, unknown>);
    // Money and lists of money read as one value; other objects get a heading of their own.
    const simple = rows.filter(([, v]) => typeof v !== 'object' || v === null || isMoney(v)
      || (Array.isArray(v) && v.every((x) => isMoney(x) || typeof x !== 'object')));
    const nested = rows.filter((r) => !simple.includes(r));
    const box = h('div', {});
    if (simple.length) box.append(table(['', ''], simple.map(([k, v]) => [columnLabel(k), valueText(k, v)])));
    for (const [k, v] of nested) box.append(h('h3', {}, columnLabel(k)), render(v));
    return box;
  }
  return document.createTextNode(cellText(value));
}

export async function plantPage(main: HTMLElement): Promise<void> {
  if (!(await hasRoute('POST /api/plant/balance'))) {
    main.append(card(t('plantTitle'), h('p', {}, t('unavailable'))));
    return;
  }
  const chemistry = h('input', { type: 'text', value: 'NMC622', id: 'plant-chemistry' });
  const mass = h('input', { type: 'number', value: '1000', min: '0', id: 'plant-mass' });
  const route = h('select', { id: 'plant-route' },
    ...['hydrometallurgy', 'pyrometallurgy', 'direct'].map((r) => h('option', { value: r }, r)));
  const out = h('div', { id: 'plant-out' });
  const go = h('button', {
    id: 'plant-go',
    onclick: async () => {
      out.replaceChildren();
      try {
        const res = await postJson<unknown>('/api/plant/balance', {
          chemistry: chemistry.value, mass_tonnes: Number(mass.value), route: route.value,
        });
        out.append(render(res));
      } catch (e) {
        out.append(errorBox(e));
      }
    },
  }, t('compute'));
  main.append(card(t('plantTitle'),
    h('div', { class: 'controls' }, h('label', {}, t('chemistry'), chemistry), h('label', {}, t('massTonnes'), mass),
      h('label', {}, t('route'), route), go), out));
}
