// SPDX-License-Identifier: Apache-2.0
// Scenarios: the list, and a form for a new scenario. The form shows the scenario's main numeric
// parameters (every `key = number` line of its TOML, named in words) as inputs that rewrite the
// TOML text, and the main levers (collection, chemistry path, recycling capacity, trade, sales
// growth) as small forms that add the matching table to the TOML (docs/formats/scenario.md). The
// TOML stays editable as a whole; "validate" checks it on the server.
import { getJson, hasRoute, postJson } from '../api';
import { card, errorBox, h, table } from '../dom';
import { LabelKey, t } from '../i18n';
import { startRunButton } from './runs';

interface ScenarioItem {
  id: string;
  name: string;
  created_at: string;
}

// [section] key = number lines, in order.
function numericParameters(toml: string): Array<{ section: string; key: string; value: string; line: number }> {
  const out: Array<{ section: string; key: string; value: string; line: number }> = [];
  let section = '';
  const arrayCounts = new Map<string, number>();
  toml.split('\n').forEach((raw, line) => {
    const text = raw.trim();
    const array = text.match(/^\[\[([^\]]+)\]\]$/);
    if (array) {
      // [[sales.growth]] tables are numbered: sales.growth[1], sales.growth[2], ...
      const n = (arrayCounts.get(array[1]) ?? 0) + 1;
      arrayCounts.set(array[1], n);
      section = `${array[1]}[${n}]`;
      return;
    }
    const header = text.match(/^\[([^\]]+)\]$/);
    if (header) {
      section = header[1];
      return;
    }
    const m = text.match(/^([A-Za-z0-9_]+)\s*=\s*(-?[0-9][0-9_.eE+-]*)\s*(#.*)?$/);
    if (m) out.push({ section, key: m[1], value: m[2], line });
  });
  return out;
}

// A parameter in words: "Sales growth per year (2031–2040)" for sales.growth[1].growth_rate_per_year.
function parameterLabel(toml: string, p: { section: string; key: string; line: number }): string {
  const words: Record<string, LabelKey> = {
    first_year: 'pFirstYear', last_year: 'pLastYear', seed: 'pSeed',
    growth_rate_per_year: 'pGrowth', share: 'pSecondLifeShare', collection_fraction: 'pCollection',
    capacity_t_per_year: 'pCapacity', year: 'pYear', from_year: 'pFromYear', to_year: 'pToYear',
  };
  const key = words[p.key];
  if (!key) return p.section ? `${p.section}.${p.key}` : p.key;
  // The years of the table the line is in (from_year / to_year lines near it), when it has them.
  if (p.key === 'growth_rate_per_year') {
    const lines = toml.split('\n');
    let from = '';
    let to = '';
    for (let i = p.line - 1; i >= 0 && !/^\s*\[/.test(lines[i]); i -= 1) {
      from ||= lines[i].match(/^\s*from_year\s*=\s*(\d+)/)?.[1] ?? '';
      to ||= lines[i].match(/^\s*to_year\s*=\s*(\d+)/)?.[1] ?? '';
    }
    if (from && to) return `${t(key)} (${from}–${to})`;
  }
  if (!p.section || p.section === 'scenario') return t(key);
  // The table in words: "sales growth period 1" for sales.growth[1]; other tables by their name.
  const period = p.section.match(/^sales\.growth\[(\d+)\]$/);
  return `${t(key)} (${period ? `${t('pGrowthPeriod')} ${period[1]}` : p.section})`;
}

// The main levers, each a small form that appends its TOML table to the text.
function leverForms(textarea: HTMLTextAreaElement, onChange: () => void): HTMLElement {
  const append = (block: string) => {
    textarea.value = `${textarea.value.replace(/\s*$/, '')}\n\n${block}\n`;
    onChange();
  };
  const num = (id: string, value: string, step = 'any') =>
    h('input', { type: 'number', step, value, id });
  const regionInput = (id: string, value: string) =>
    h('input', { type: 'text', value, id, size: '8', title: 'all, EU27, EUROPE, NORTH_AMERICA, CHN, KOR, USA, ...' });
  const field = (label: LabelKey, input: HTMLElement) => h('label', {}, h('span', {}, t(label)), input);
  const row = (id: string, title: LabelKey, inputs: HTMLElement[], onAdd: () => void) =>
    h('div', { class: 'lever', 'data-lever': id }, h('strong', {}, t(title)), ...inputs,
      h('button', { class: 'secondary', id: `lever-${id}`, onclick: onAdd }, t('leverAdd')));

  // Starting values: the what-if issue 17 asks of the tool (EU collection at 70 %, LFP 60 % of new
  // batteries by 2030), an example to edit, not a forecast; the growth period is the documented
  // default of data/sales_growth_assumptions.csv (5 % a year, 2031-2040). Capacity has no
  // neutral value: the user gives it.
  const cRegion = regionInput('lever-collection-region', 'EU27');
  const cYear = num('lever-collection-year', '2030', '1');
  const cFraction = num('lever-collection-fraction', '0.7');
  const chRegion = regionInput('lever-chemistry-region', 'all');
  const chYear = num('lever-chemistry-year', '2030', '1');
  const chLfp = num('lever-chemistry-lfp', '0.6');
  const capRegion = regionInput('lever-capacity-region', 'EUROPE');
  const capYear = num('lever-capacity-year', '2030', '1');
  const capTonnes = num('lever-capacity-tonnes', '', '1000');
  capTonnes.setAttribute('placeholder', 't');
  const trade = h('input', { type: 'checkbox', id: 'lever-trade-enabled', checked: true });
  const growth = num('lever-growth', '0.05');
  const gFrom = num('lever-growth-from', '2031', '1');
  const gTo = num('lever-growth-to', '2040', '1');
  return h('div', { class: 'levers' },
    row('collection', 'leverCollection', [field('pRegion', cRegion), field('pYear', cYear), field('pCollection', cFraction)], () =>
      append(`[[collection]]\nregion = "${cRegion.value}"\nyear = ${cYear.value}\ncollection_fraction = ${cFraction.value}`)),
    row('chemistry', 'leverChemistry', [field('pRegion', chRegion), field('pYear', chYear), field('pLfpShare', chLfp)], () => {
      const lfp = Math.min(1, Math.max(0, Number(chLfp.value)));
      const rest = Math.round((1 - lfp) * 1e6) / 1e6;
      append(`[[chemistry_share]]\nregion = "${chRegion.value}"\nyear = ${chYear.value}\nshares = { LFP = ${lfp}, NMC811 = ${rest} }`);
    }),
    row('capacity', 'leverCapacity', [field('pRegion', capRegion), field('pYear', capYear), field('pCapacity', capTonnes)], () => {
      if (capTonnes.value === '') {
        capTonnes.setCustomValidity(t('leverNeedsValue'));
        capTonnes.reportValidity();
        return;
      }
      capTonnes.setCustomValidity('');
      append(`[[recycling_capacity]]\nregion = "${capRegion.value}"\nyear = ${capYear.value}\ncapacity_t_per_year = ${capTonnes.value}`);
    }),
    row('trade', 'leverTrade', [field('pTradeEnabled', trade)], () => {
      // One [trade] table: an earlier one is replaced.
      textarea.value = textarea.value.replace(/\n\[trade\]\nenabled = (true|false)\n?/, '\n');
      append(`[trade]\nenabled = ${trade.checked ? 'true' : 'false'}`);
    }),
    row('growth', 'leverGrowth', [field('pFromYear', gFrom), field('pToYear', gTo), field('pGrowth', growth)], () =>
      append(`[[sales.growth]]\nregion = "all"\nsegment = "all"\nfrom_year = ${gFrom.value}\nto_year = ${gTo.value}\ngrowth_rate_per_year = ${growth.value}`)),
  );
}

function parameterForm(textarea: HTMLTextAreaElement): HTMLElement {
  const box = h('div', { class: 'params' });
  const rebuild = () => {
    box.replaceChildren();
    for (const p of numericParameters(textarea.value)) {
      const input = h('input', { type: 'number', step: 'any', value: p.value, 'data-key': `${p.section}.${p.key}` });
      input.addEventListener('change', () => {
        const lines = textarea.value.split('\n');
        lines[p.line] = lines[p.line].replace(/=\s*(-?[0-9][0-9_.eE+-]*)/, `= ${input.value}`);
        textarea.value = lines.join('\n');
      });
      box.append(h('label', { title: p.section ? `${p.section}.${p.key}` : p.key },
        h('span', {}, parameterLabel(textarea.value, p)), input));
    }
  };
  textarea.addEventListener('change', rebuild);
  rebuild();
  return box;
}

export async function scenariosPage(main: HTMLElement): Promise<void> {
  try {
    const [list, canRun, canValidate] = await Promise.all([
      getJson<{ scenarios: ScenarioItem[] }>('/api/scenarios'),
      hasRoute('POST /api/runs'),
      hasRoute('POST /api/scenarios/{id}/validate'),
    ]);
    const rows: unknown[][] = [];
    const actions: HTMLElement[] = [];
    for (const s of list.scenarios) {
      rows.push([s.id, s.name, s.created_at, '']);
      actions.push(canRun ? await startRunButton(s.id) : h('span', {}));
    }
    const tbl = table([t('scenarioId'), t('scenarioName'), t('created'), t('run')], rows);
    tbl.querySelectorAll('tbody tr').forEach((tr, i) => tr.lastElementChild!.replaceChildren(actions[i]));
    main.append(card(t('scenarios'), list.scenarios.length ? tbl : h('p', {}, t('noScenarios'))));

    let template = '';
    const base = list.scenarios.find((s) => s.id === 'baseline') ?? list.scenarios[0];
    if (base) template = (await getJson<{ toml: string }>(`/api/scenarios/${base.id}`)).toml;
    const name = h('input', { type: 'text', value: 'my scenario', id: 'scenario-name' });
    const toml = h('textarea', { rows: '14', id: 'scenario-toml', spellcheck: 'false' });
    toml.value = template;
    const params = parameterForm(toml);
    const out = h('div', {});
    const create = h('button', {
      onclick: async () => {
        out.replaceChildren();
        try {
          const made = await postJson<ScenarioItem>('/api/scenarios', { name: name.value, toml: toml.value });
          out.append(h('p', { class: 'ok' }, `${made.id}: ${made.name}`));
          if (canRun) out.append(await startRunButton(made.id));
        } catch (e) {
          out.append(errorBox(e));
        }
      },
    }, t('create'));
    const validate = canValidate
      ? h('button', {
          class: 'secondary',
          onclick: async () => {
            out.replaceChildren();
            try {
              const made = await postJson<ScenarioItem>('/api/scenarios', { name: name.value, toml: toml.value });
              const res = await postJson<{ ok: boolean; problems: Array<{ severity: string; message: string; location: string; hint: string }> }>(
                `/api/scenarios/${made.id}/validate`, {});
              if (res.ok && res.problems.length === 0) out.append(h('p', { class: 'ok' }, t('validOk')));
              for (const p of res.problems) {
                out.append(h('div', { class: p.severity === 'error' ? 'error' : 'warn' }, `${p.location}: ${p.message}`,
                  p.hint ? h('div', { class: 'hint' }, p.hint) : null));
              }
            } catch (e) {
              out.append(errorBox(e));
            }
          },
        }, t('validate'))
      : null;
    main.append(
      card(t('newScenario'),
        h('label', { class: 'field' }, h('span', {}, t('scenarioName')), name),
        h('h3', {}, t('mainParameters')), params,
        h('h3', {}, t('mainLevers')), leverForms(toml, () => toml.dispatchEvent(new Event('change'))),
        h('label', { class: 'field' }, h('span', {}, t('scenarioToml')), toml),
        h('div', { class: 'buttons' }, create, validate), out),
    );
  } catch (e) {
    main.append(errorBox(e));
  }
}
