// SPDX-License-Identifier: Apache-2.0
// Overview: server health and version, what the server offers, and a one-click baseline run.
import { availableRoutes, getJson } from '../api';
import { card, errorBox, h } from '../dom';
import { t } from '../i18n';
import { startRunButton } from './runs';

export async function overviewPage(main: HTMLElement): Promise<void> {
  try {
    const [health, version, routes] = await Promise.all([
      getJson<{ status: string }>('/api/health'),
      getJson<{ version: string; git_hash: string; api: string }>('/api/version'),
      availableRoutes(),
    ]);
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
    if (routes.has('POST /api/runs')) main.append(card(t('runBaseline'), await startRunButton('baseline')));
  } catch (e) {
    main.append(errorBox(e));
  }
}
