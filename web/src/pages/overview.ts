// SPDX-License-Identifier: Apache-2.0
// Overview: the answers of the latest finished run first (headline figures for the world in a
// key year, its first findings, waste-battery lithium against recovered lithium over the years
// for the world and the EU27), then a one-click baseline run and the server's health.
import { availableRoutes, getJson, runFindings } from '../api';
import { drawLines, Series } from '../charts';
import { card, errorBox, formatNumber, h } from '../dom';
import { lang, t } from '../i18n';
import { RunInfo, selectRun, TableRows } from '../state';
import { startRunButton } from './runs';

type Run = RunInfo & { scenario_name?: string };
type ByYear<T> = Record<string, T>;

interface Summary {
  metadata: { scenario_name: string; scenario_description: string };
  key_years: number[];
  key_figures: {
    world_end_of_life_kwh: ByYear<number>;
    world_end_of_life_mass_tonnes: ByYear<Record<string, number>>;
    world_recovered_mass_tonnes: ByYear<Record<string, number>>;
    world_secondary_supply_share_fraction: ByYear<Record<string, number>>;
  };
  findings: Array<{ section: string; text: string }>;
}

function figure(value: string, label: string): HTMLElement {
  return h('div', { class: 'figure' }, h('div', { class: 'v' }, value), h('div', { class: 'k' }, label));
}

async function latestRunCard(run: Run): Promise<HTMLElement> {
  const s = await getJson<Summary>(`/api/runs/${run.id}/summary`);
  const year = String(s.key_years.includes(2040) ? 2040 : s.key_years[s.key_years.length - 1]);
  const k = s.key_figures;
  const eolGwh = (k.world_end_of_life_kwh[year] ?? 0) / 1e6;
  const li = k.world_end_of_life_mass_tonnes[year]?.Li ?? 0;
  const liRecovered = k.world_recovered_mass_tonnes[year]?.Li ?? 0;
  const share = k.world_secondary_supply_share_fraction[year]?.Li;
  const figures = h('div', { class: 'figures', id: 'overview-figures' },
    figure(`${formatNumber(Math.round(eolGwh))} GWh`, `${t('ovEolGwh')} ${year}`),
    figure(`${formatNumber(Math.round(li))} t`, `${t('ovEolLi')} ${year}`),
    figure(`${formatNumber(Math.round(liRecovered))} t`, `${t('ovRecoveredLi')} ${year}`),
    figure(share === undefined ? 'n/a' : `${(share * 100).toFixed(1)} %`, `${t('ovShareLi')} ${year}`));
  const found = await runFindings(run.id, lang(), s.findings);
  const findings = h('ul', { class: 'findings' }, ...found.slice(0, 4).map((f) => h('li', {}, f.text)));
  // The scenario's name and description as their author wrote them (marked so on a Korean page).
  const written: Record<string, string> = lang() === 'ko' ? { lang: 'en' } : {};
  const chart = h('div', { class: 'chart', id: 'overview-chart' });
  const open = h('p', {},
    h('a', { href: '#/flows', id: 'overview-flows', onclick: () => selectRun(run.id) }, t('navFlows')), ' · ',
    h('a', { href: '#/compare' }, t('navCompare')), ' · ',
    h('a', { href: `/api/runs/${run.id}/report?lang=${lang()}`, target: '_blank' }, t('report')));
  const c = card(`${t('ovLatest')} (run ${run.id})`,
    h('p', {}, h('strong', written, s.metadata.scenario_name)),
    s.metadata.scenario_description ? h('p', { class: 'note', ...written }, s.metadata.scenario_description) : null,
    figures, findings, h('h3', {}, t('ovChartTitle')), chart, open);
  // Lithium at end of life and recovered, world and EU27 (aggregates the run may lack are skipped).
  const series: Series[] = [];
  for (const region of ['WORLD', 'EU27']) {
    for (const [table, label] of [['end_of_life_t', t('ovEol')], ['recycling_to_secondary_metal_t', t('ovRecovered')]]) {
      try {
        const data = await getJson<TableRows>(`/api/runs/${run.id}/tables/${table}?region=${region}&element=Li`);
        const yi = data.columns.indexOf('year');
        const vi = data.columns.indexOf(data.value_column);
        const byYear = new Map<number, number>();
        for (const row of data.rows) byYear.set(Number(row[yi]), (byYear.get(Number(row[yi])) ?? 0) + Number(row[vi]));
        series.push({ name: `${label}, ${region}`, points: [...byYear.entries()].sort((a, b) => a[0] - b[0]) });
      } catch {
        // The run does not hold the region whole.
      }
    }
  }
  // Drawn once the card is in the page (ECharts needs its size).
  setTimeout(() => drawLines(chart, series, 't Li'), 0);
  return c;
}

export async function overviewPage(main: HTMLElement): Promise<void> {
  try {
    const [health, version, routes] = await Promise.all([
      getJson<{ status: string }>('/api/health'),
      getJson<{ version: string; git_hash: string; api: string }>('/api/version'),
      availableRoutes(),
    ]);
    if (routes.has('GET /api/runs')) {
      const { runs } = await getJson<{ runs: Run[] }>('/api/runs');
      const latest = runs.find((r) => r.state === 'succeeded');
      if (latest) {
        main.append(await latestRunCard(latest));
      } else {
        main.append(card(t('ovLatest'), h('p', { id: 'overview-no-run' }, t('noRuns'))));
      }
    }
    if (routes.has('POST /api/runs')) main.append(card(t('runBaseline'), await startRunButton('baseline')));
    main.append(
      card(
        t('serverStatus'),
        h('dl', { class: 'facts' },
          h('dt', {}, t('serverStatus')), h('dd', {}, health.status === 'ok' ? t('ok') : health.status),
          h('dt', {}, t('version')), h('dd', {}, `${version.version} (git ${version.git_hash})`),
          h('dt', {}, 'API'), h('dd', {}, h('a', { href: '/api/openapi.json' }, `${version.api} — /api/openapi.json`),
            ` (${routes.size} routes)`)),
      ),
    );
  } catch (e) {
    main.append(errorBox(e));
  }
}
