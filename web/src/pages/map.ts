// SPDX-License-Identifier: Apache-2.0
// World map of the selected run: metal in waste batteries, or feedstock no capacity takes
// (stranded), by country in a year, for one element. Geometry: Natural Earth 1:110m admin-0
// countries (public domain) from the npm package world-atlas. The model's countries are shaded;
// its residual groups (Rest of EU27, Rest of Europe, Rest of world) cover many countries each and
// are listed under the map instead of being spread over them.
import type { FeatureCollection } from 'geojson';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';

import { getJson } from '../api';
import { drawWorldMap } from '../charts';
import { card, errorBox, formatNumber, h, table } from '../dom';
import { msg, t } from '../i18n';
import { RecordInfo, selectedRun, TableRows } from '../state';

// ISO 3166-1 numeric code (world-atlas feature ids) of each alpha-3 model country
// (data/regions.csv), and of other large economies a data set may add.
const kIsoNumeric: Record<string, string> = {
  AUS: '036', CAN: '124', CHN: '156', CZE: '203', DEU: '276', FRA: '250', HUN: '348', POL: '616',
  SWE: '752', GBR: '826', IND: '356', JPN: '392', KOR: '410', USA: '840', IDN: '360', BRA: '076',
  MEX: '484', NOR: '578', ESP: '724', ITA: '380', NLD: '528', BEL: '056', AUT: '040', FIN: '246',
  CHL: '152', ARG: '032', ZAF: '710', TUR: '792', THA: '764', VNM: '704', MYS: '458', PHL: '608',
};

const kMetrics: Array<{ table: string; label: 'mapEol' | 'mapStranded' }> = [
  { table: 'end_of_life_t', label: 'mapEol' },
  { table: 'collection_to_black_mass_surplus_t', label: 'mapStranded' },
];

let geo: FeatureCollection | null = null;
function worldGeometry(): FeatureCollection {
  if (geo) return geo;
  const topo = world as unknown as Topology;
  const fc = feature(topo, topo.objects.countries) as FeatureCollection;
  const byNumeric = new Map(Object.entries(kIsoNumeric).map(([a3, n]) => [n, a3]));
  // Rings that cross the antimeridian (eastern Russia, Fiji) would be drawn as stripes across
  // the map: their western longitudes are moved east of 180°. Antarctica is left out.
  const unwrap = (ring: number[][]) => {
    const lons = ring.map((p) => p[0]);
    if (Math.max(...lons) - Math.min(...lons) <= 180) return;
    for (const p of ring) if (p[0] < 0) p[0] += 360;
  };
  fc.features = fc.features.filter((f) => f.properties?.name !== 'Antarctica');
  for (const f of fc.features) {
    if (f.geometry?.type === 'MultiPolygon') {
      for (const poly of f.geometry.coordinates) for (const ring of poly) unwrap(ring);
    } else if (f.geometry?.type === 'Polygon') {
      for (const ring of f.geometry.coordinates) unwrap(ring);
    }
  }
  for (const f of fc.features) {
    const code = byNumeric.get(String(f.id ?? ''));
    f.properties = { ...(f.properties ?? {}), name: code ?? String(f.properties?.name ?? f.id ?? '') };
  }
  geo = fc;
  return fc;
}

export async function mapPage(main: HTMLElement): Promise<void> {
  const id = selectedRun();
  if (!id) {
    main.append(card(t('mapTitle'), h('p', {}, t('needRun'))));
    return;
  }
  const metricSel = h('select', { id: 'map-metric' },
    ...kMetrics.map((m) => h('option', { value: m.table }, t(m.label))));
  const elementSel = h('select', { id: 'map-element' },
    ...['Li', 'Ni', 'Co', 'Mn', 'graphite', 'Cu', 'Al'].map((e) => h('option', { value: e }, e)));
  const yearInput = h('input', { id: 'map-year', type: 'number', min: '2010', max: '2100', value: '2040' });
  const chartEl = h('div', { class: 'chart map', id: 'world-map' });
  const note = h('p', { class: 'note', id: 'map-note' });
  const residuals = h('div', { id: 'map-residuals' });
  main.append(card(`${t('mapTitle')} — run ${id}`,
    h('div', { class: 'controls' }, h('label', {}, t('mapMetric'), metricSel),
      h('label', {}, t('element'), elementSel), h('label', {}, t('year'), yearInput)),
    note, chartEl, residuals));
  let names = new Map<string, string>();
  try {
    const regions = await getJson<RecordInfo>(`/api/runs/${id}/records/regions`);
    names = new Map(regions.rows.map((r) => [String(r[0]), msg(`place.${String(r[0])}`) ?? String(r[1])]));
  } catch {
    names = new Map();
  }
  const draw = async () => {
    try {
      const q = new URLSearchParams({ element: elementSel.value, year: yearInput.value });
      const data = await getJson<TableRows>(`/api/runs/${id}/tables/${metricSel.value}?${q}`);
      const ri = data.columns.indexOf('region');
      const vi = data.columns.indexOf(data.value_column);
      const byRegion = new Map<string, number>();
      for (const row of data.rows) {
        byRegion.set(String(row[ri]), (byRegion.get(String(row[ri])) ?? 0) + Number(row[vi]));
      }
      const countries = [...byRegion.entries()].filter(([r]) => r in kIsoNumeric);
      const groups = [...byRegion.entries()].filter(([r]) => !(r in kIsoNumeric));
      const label = t(kMetrics.find((m) => m.table === metricSel.value)!.label);
      note.textContent = `${label}, ${elementSel.value}, ${yearInput.value} (t) — ${msg(`table.${metricSel.value}.description`) ?? data.description}`;
      drawWorldMap(chartEl, worldGeometry(), 'world', countries.map(([r, v]) => ({
        name: r, value: v, label: `${names.get(r) ?? r} (${r})`,
      })), 't');
      residuals.replaceChildren(
        h('h3', {}, t('mapGroups')),
        table([t('region'), 't'], groups.map(([r, v]) => [`${names.get(r) ?? r} (${r})`, formatNumber(Math.round(v))])),
      );
    } catch (e) {
      residuals.replaceChildren(errorBox(e));
    }
  };
  for (const el of [metricSel, elementSel, yearInput]) el.addEventListener('change', () => void draw());
  await draw();
}
