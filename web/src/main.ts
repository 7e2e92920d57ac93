// SPDX-License-Identifier: Apache-2.0
// urbanmine dashboard: the shell (header, navigation, language switch, write token) and a hash
// router (#/runs, #/flows, ...). Pages live in pages/*.ts; each renders into the main element and
// shows only what the server offers (its routes come from /api/openapi.json).
import './style.css';

import { setToken, token } from './api';
import { clear, h } from './dom';
import { LabelKey, lang, loadCatalogue, setLang, t } from './i18n';
import { comparePage } from './pages/compare';
import { eventPage } from './pages/event';
import { mapPage } from './pages/map';
import { overviewPage } from './pages/overview';
import { plantPage } from './pages/plant';
import { marketPage, policyPage, riskPage } from './pages/records';
import { flowsPage, runsPage, seriesPage } from './pages/runs';
import { scenariosPage } from './pages/scenarios';

type Page = (main: HTMLElement) => Promise<void>;

const pages: Array<{ id: string; label: LabelKey; render: Page }> = [
  { id: 'overview', label: 'navOverview', render: overviewPage },
  { id: 'scenarios', label: 'navScenarios', render: scenariosPage },
  { id: 'runs', label: 'navRuns', render: runsPage },
  { id: 'flows', label: 'navFlows', render: flowsPage },
  { id: 'map', label: 'navMap', render: mapPage },
  { id: 'series', label: 'navSeries', render: seriesPage },
  { id: 'compare', label: 'navCompare', render: comparePage },
  { id: 'risk', label: 'navRisk', render: riskPage },
  { id: 'policy', label: 'navPolicy', render: policyPage },
  { id: 'market', label: 'navMarket', render: marketPage },
  { id: 'plant', label: 'navPlant', render: plantPage },
  { id: 'event', label: 'navEvents', render: eventPage },
];

function currentPageId(): string {
  const id = location.hash.replace(/^#\/?/, '').split('?')[0];
  return pages.some((p) => p.id === id) ? id : 'overview';
}

async function render(): Promise<void> {
  const app = document.getElementById('app')!;
  clear(app);
  document.documentElement.lang = lang();
  const active = currentPageId();
  const nav = h(
    'nav',
    { 'aria-label': 'sections' },
    ...pages.map((p) =>
      h('a', { href: `#/${p.id}`, class: p.id === active ? 'active' : '', 'data-page': p.id },
        t(p.label)),
    ),
  );
  const tokenInput = h('input', {
    type: 'password',
    placeholder: 'token',
    value: token(),
    title: 'Write token (only when the server was started with --token)',
    'aria-label': 'write token',
  });
  tokenInput.addEventListener('change', () => setToken(tokenInput.value));
  const langButton = h(
    'button',
    {
      class: 'lang',
      id: 'lang-switch',
      onclick: () => {
        setLang(lang() === 'en' ? 'ko' : 'en');
        void render();
      },
    },
    t('language'),
  );
  const header = h(
    'header',
    {},
    h('div', { class: 'brand' }, h('span', { class: 'logo' }, 'um'),
      h('div', {}, h('h1', {}, t('appTitle')), h('div', { class: 'sub' }, t('appSubtitle')))),
    h('div', { class: 'tools' }, tokenInput, langButton),
  );
  const main = h('main', { id: 'page', 'data-page': active });
  app.append(header, nav, main);
  const page = pages.find((p) => p.id === active)!;
  // The header and navigation change language at once; the page waits for the catalogue.
  await loadCatalogue();
  await page.render(main);
}

window.addEventListener('hashchange', () => void render());
void render();
