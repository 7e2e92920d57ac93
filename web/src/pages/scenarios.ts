// SPDX-License-Identifier: Apache-2.0
// Scenarios: the list, and a form for a new scenario. The form shows the scenario's main numeric
// parameters (every `key = number` line of its TOML) as inputs that rewrite the TOML text, which
// stays editable as a whole.
import { getJson, hasRoute, postJson } from '../api';
import { card, errorBox, h, table } from '../dom';
import { t } from '../i18n';
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
      box.append(h('label', {}, h('span', {}, p.section ? `${p.section}.${p.key}` : p.key), input));
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
        h('h3', {}, t('mainParameters')), parameterForm(toml),
        h('label', { class: 'field' }, h('span', {}, t('scenarioToml')), toml),
        h('div', { class: 'buttons' }, create, validate), out),
    );
  } catch (e) {
    main.append(errorBox(e));
  }
}
