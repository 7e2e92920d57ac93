// SPDX-License-Identifier: Apache-2.0
// Plant: the recycling mass balance, economics and CO2 of one feed (POST /api/plant/balance,
// like `urbanmine plant balance`).
import { hasRoute, postJson } from '../api';
import { card, cellText, errorBox, h, table } from '../dom';
import { columnLabel, t } from '../i18n';

function render(value: unknown): Node {
  if (Array.isArray(value)) {
    if (value.length && typeof value[0] === 'object' && value[0] !== null) {
      const cols = Object.keys(value[0] as object);
      return table(cols, value.map((r) => cols.map((c) => (r as Record<string, unknown>)[c])), { label: columnLabel });
    }
    return document.createTextNode(value.map((v) => cellText(v)).join(', '));
  }
  if (value && typeof value === 'object') {
    const rows = Object.entries(value as Record<string, unknown>);
    const simple = rows.filter(([, v]) => typeof v !== 'object' || v === null);
    const nested = rows.filter(([, v]) => typeof v === 'object' && v !== null);
    const box = h('div', {});
    if (simple.length) box.append(table(['', ''], simple.map(([k, v]) => [columnLabel(k), v])));
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
  const out = h('div', {});
  const go = h('button', {
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
