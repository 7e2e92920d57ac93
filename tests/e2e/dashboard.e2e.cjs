// SPDX-License-Identifier: Apache-2.0
// End-to-end test of the dashboard in a real browser: starts `urbanmine serve` on a free loopback
// port with a fresh store, drives Debian's Chromium headless through playwright-core, walks the
// pages a user would, asserts what they must show, and saves a screenshot of each step in
// $URBANMINE_ARTIFACTS. Prints "N passed, N failed" and exits non-zero on any failure.
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const sourceDir = process.env.URBANMINE_SOURCE_DIR || path.resolve(__dirname, '../..');
const bin = process.env.URBANMINE_BIN || path.join(sourceDir, 'build/urbanmine');
const artifacts = process.env.URBANMINE_ARTIFACTS || path.join(sourceDir, 'artifacts/e2e');
const { chromium } = require(path.join(sourceDir, 'web/node_modules/playwright-core'));

const kChromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

function startServer(extraArgs) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['--quiet', 'serve', '--port', '0', '--bind', '127.0.0.1', ...extraArgs],
      { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error('server did not start: ' + out)), 20000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/serving http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve({ child, base: `http://127.0.0.1:${m[1]}` });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

async function hasRoute(base, route) {
  const res = await fetch(`${base}/api/openapi.json`);
  const doc = await res.json();
  const [method, p] = route.split(' ');
  return Boolean(doc.paths[p] && doc.paths[p][method.toLowerCase()]);
}

async function main() {
  fs.mkdirSync(artifacts, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'urbanmine-e2e-'));
  const { child, base } = await startServer(['--db', path.join(tmp, 'e2e.db')]);
  const context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: kChromiumArgs,
    viewport: { width: 1360, height: 900 },
  });
  const page = context.pages()[0] || (await context.newPage());
  const consoleErrors = [];
  page.on('pageerror', (e) => consoleErrors.push(`${e}\n${(e.stack || '').split('\n').slice(0, 4).join('\n')} (on ${page.url()})`));
  let passed = 0;
  let failed = 0;
  const step = async (name, fn) => {
    try {
      await fn();
      passed += 1;
      console.log(`ok   ${name}`);
    } catch (e) {
      failed += 1;
      console.log(`FAIL ${name}: ${e && e.message ? e.message : e}`);
    }
    // Scrolled to the top first: table headers are sticky, and a full-page shot of a scrolled
    // page draws them over the rows.
    await page.evaluate(() => window.scrollTo(0, 0)).catch(() => {});
    await page.screenshot({ path: path.join(artifacts, `${String(passed + failed).padStart(2, '0')}-${name}.png`), fullPage: true })
      .catch(() => {});
  };
  // Two English words in a row on the page, outside what it marks lang="en" (the product's name
  // and commands aside): the check of every Korean step.
  const englishPhrases = () => page.evaluate(() => {
    document.querySelectorAll('[lang="en"], style, script').forEach((e) => e.remove());
    const found = document.body.innerText.match(/\b[A-Za-z][a-z]+ [A-Za-z][a-z]+\b/g) || [];
    return [...new Set(found.filter((m) => !m.startsWith('urbanmine ')))];
  });
  const expect = (cond, message) => {
    if (!cond) throw new Error(message);
  };

  try {
    await step('overview', async () => {
      await page.goto(`${base}/#/overview`);
      await page.waitForSelector('dl.facts', { timeout: 15000 });
      const text = await page.textContent('main');
      expect(text.includes('running'), 'overview does not say the server is running');
      expect(/\d+\.\d+\.\d+/.test(text), 'overview shows no version');
    });

    await step('korean-labels', async () => {
      await page.click('#lang-switch');
      await page.waitForSelector('nav a[data-page="overview"]');
      const nav = await page.textContent('nav');
      expect(nav.includes('개요') && nav.includes('시나리오'), `navigation not in Korean: ${nav}`);
      await page.waitForSelector('dl.facts');
      await page.click('#lang-switch');
      const back = await page.textContent('nav');
      expect(back.includes('Overview'), 'switching back to English failed');
    });

    await step('scenarios', async () => {
      await page.goto(`${base}/#/scenarios`);
      await page.waitForSelector('#scenario-toml', { timeout: 15000 });
      const toml = await page.inputValue('#scenario-toml');
      expect(toml.includes('[scenario]'), 'the form is not prefilled with the baseline scenario');
      const params = await page.$$('.params input');
      expect(params.length >= 3, `only ${params.length} main parameters shown`);
      const labels = await page.textContent('.params');
      expect(labels.includes('Sales growth per year (2031–2040)') && !labels.includes('sales.growth['),
        `parameters not named in words: ${labels.slice(0, 200)}`);
      // Each lever adds its table; the scenario they make is valid on the server. Capacity has no
      // starting value: without one its lever adds nothing.
      await page.click('#lever-capacity');
      expect(!(await page.inputValue('#scenario-toml')).includes('[[recycling_capacity]]'),
        'the capacity lever added a table without a value');
      await page.fill('#lever-capacity-tonnes', '500000');
      for (const lever of ['collection', 'chemistry', 'capacity', 'trade', 'growth']) {
        await page.click(`#lever-${lever}`);
      }
      const edited = await page.inputValue('#scenario-toml');
      for (const table of ['[[collection]]', '[[chemistry_share]]', '[[recycling_capacity]]', '[trade]']) {
        expect(edited.includes(table), `the levers did not add ${table}`);
      }
      expect(edited.includes('shares = { LFP = 0.6, NMC811 = 0.4 }'), 'the chemistry lever wrote no shares');
      await page.fill('#scenario-name', 'levers');
      await page.click('text=Validate');
      await page.waitForSelector('.ok, .error', { timeout: 30000 });
      const verdict = await page.textContent('#page');
      expect(verdict.includes('No problems found.'), `the levers' scenario is not valid: ${verdict.slice(-400)}`);
    });

    await step('run-baseline', async () => {
      await page.goto(`${base}/#/overview`);
      await page.click('button[data-scenario="baseline"]');
      await page.waitForSelector('.progress[data-state="running"], .progress[data-state="succeeded"]', { timeout: 20000 });
      await page.waitForSelector('#open-flows', { timeout: 180000 });
      const text = await page.textContent('.run-start');
      expect(text.includes('succeeded'), `run did not succeed: ${text}`);
    });

    await step('sankey', async () => {
      await page.click('#open-flows');
      await page.waitForSelector('#sankey canvas', { timeout: 20000 });
      await page.waitForTimeout(1500);
      const painted = await page.$eval('#sankey canvas', (canvas) => {
        const ctx = canvas.getContext('2d');
        const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
        let colored = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (data[i + 3] > 0 && !(data[i] > 245 && data[i + 1] > 245 && data[i + 2] > 245)) colored += 1;
        }
        return colored;
      });
      expect(painted > 5000, `the Sankey canvas is (nearly) empty: ${painted} painted pixels`);
      await page.selectOption('#sankey-element', 'Ni');
      await page.waitForFunction(() => document.querySelector('.card .note')?.textContent?.includes('Ni'), null, { timeout: 20000 });
      // One region's flows (the element chosen above is kept).
      await page.selectOption('#sankey-region', 'KOR');
      await page.waitForFunction(() => document.querySelector('.card .note')?.textContent?.startsWith('KOR'), null, { timeout: 20000 });
      const note = await page.$eval('.card .note', (n) => n.textContent);
      expect(note.includes('Ni'), `the region's Sankey lost the element: ${note}`);
    });

    // Issue 17: two runs compared in two clicks (region EU27, element Li), the answer first.
    await step('compare', async () => {
      const toml = fs.readFileSync(path.join(sourceDir, 'examples/eu_circular.toml'), 'utf8');
      const created = await fetch(`${base}/api/scenarios`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'eu', toml }),
      });
      expect(created.status === 201, `scenario not created: ${created.status}`);
      const started = await (await fetch(`${base}/api/runs`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ scenario_id: 'eu' }),
      })).json();
      for (let i = 0; i < 600; i += 1) {
        const run = await (await fetch(`${base}/api/runs/${started.id}`)).json();
        if (run.state !== 'running') {
          expect(run.state === 'succeeded', `the eu run did not succeed: ${JSON.stringify(run)}`);
          break;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      await page.goto(`${base}/#/compare`);
      await page.waitForSelector('#compare-region option[value="EU27"]', { state: 'attached', timeout: 20000 });
      await page.selectOption('#compare-region', 'EU27');
      await page.click('#compare-go');
      await page.waitForSelector('#compare-answer', { timeout: 30000 });
      const answer = await page.textContent('#compare-answer');
      expect(answer.includes('lithium, EU27, 2040') && answer.includes('EU circular') && answer.includes('%'),
        `no answer for EU27 lithium in 2040: ${answer}`);
      const charts = await page.$$('#compare-out .chart canvas');
      expect(charts.length >= 6, `only ${charts.length} comparison charts`);
      const csv = await page.getAttribute('#compare-csv', 'href');
      expect(csv.includes('runs=') && csv.includes('format=csv'), `no CSV link: ${csv}`);
    });

    // Issue 17: the overview leads with the latest run's answers.
    await step('overview-answers', async () => {
      await page.goto(`${base}/#/overview`);
      await page.waitForSelector('#overview-figures', { timeout: 20000 });
      const figures = await page.textContent('#overview-figures');
      expect(figures.includes('GWh') && figures.includes('lithium'), `no headline figures: ${figures}`);
      await page.waitForSelector('#overview-chart canvas', { timeout: 20000 });
      const first = await page.evaluate(() => document.querySelector('main .card h2')?.textContent ?? '');
      expect(first.startsWith('Latest run'), `the overview does not open on the latest run: ${first}`);
    });

    // Issue 17: a world map of end-of-life metal (Natural Earth geometry, bundled).
    await step('map', async () => {
      await page.goto(`${base}/#/map`);
      await page.waitForSelector('#world-map canvas', { timeout: 20000 });
      await page.waitForFunction(() => document.querySelector('#map-residuals table') !== null, null, { timeout: 20000 });
      await page.waitForTimeout(1000);
      const painted = await page.$eval('#world-map canvas', (canvas) => {
        const ctx = canvas.getContext('2d');
        const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
        let blue = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (data[i + 3] > 0 && data[i + 2] > data[i] + 40) blue += 1;
        }
        return blue;
      });
      expect(painted > 2000, `the map shades no country: ${painted} blue pixels`);
      const groups = await page.textContent('#map-residuals');
      expect(groups.includes('ROW'), `the residual groups are not listed: ${groups}`);
      await page.selectOption('#map-metric', 'collection_to_black_mass_surplus_t');
      await page.waitForFunction(() => document.querySelector('#map-note')?.textContent?.startsWith('Stranded'), null, { timeout: 20000 });
    });

    await step('plant', async () => {
      await page.goto(`${base}/#/plant`);
      await page.click('#plant-go');
      await page.waitForSelector('#plant-out table', { timeout: 20000 });
      const text = await page.$eval('#plant-out', (n) => n.textContent);
      expect(!text.includes('[object Object]'), 'the plant page shows [object Object]');
      expect(!text.includes('2,019'), 'the plant page writes a price year as 2,019');
      // Keys end in their unit (feed_tonnes, margin_usd_per_t_feed): labels read "Feed (t)", and
      // a price per tonne is never "usd per (t)".
      expect(text.includes('Feed (t)'), 'the plant page labels feed_tonnes as "Feed (t)"');
      expect(!/usd per \(t\)/i.test(text), 'the plant page reads a USD/t key as tonnes');
      expect(/USD \(2019 prices\)/.test(text), `no money with its price year: ${text.slice(0, 300)}`);
    });

    await step('time-series', async () => {
      await page.goto(`${base}/#/series`);
      await page.waitForSelector('#series canvas', { timeout: 20000 });
      await page.waitForTimeout(1000);
      const options = await page.$$eval('#series-region option', (o) => o.length);
      expect(options > 3, 'no regions to choose from');
      // Aggregates are offered and answered (issue 17: EU27 and WORLD totals).
      await page.selectOption('#series-region', 'EU27');
      await page.waitForFunction(() => document.querySelector('.card .note')?.textContent?.includes('EU27'), null, { timeout: 20000 });
    });

    await step('policy', async () => {
      await page.goto(`${base}/#/policy`);
      await page.waitForSelector('[data-record="policy_checks"] table.data tbody tr', { timeout: 60000 });
      const rows = await page.$$('[data-record="policy_checks"] table.data tbody tr');
      expect(rows.length > 0, 'the policy table has no rows');
      const badges = await page.$$eval('[data-record="policy_checks"] .badge', (b) => b.map((x) => x.textContent));
      expect(badges.some((b) => b === 'pass' || b === 'fail'), `no pass/fail results: ${badges.slice(0, 5)}`);
      const head = await page.textContent('[data-record="policy_checks"] thead');
      expect(head.includes('Legal reference') && head.includes('Gap'), `missing columns: ${head}`);
    });

    await step('market', async () => {
      await page.goto(`${base}/#/market`);
      await page.waitForSelector('[data-record="market_ranking"] table.data tbody tr', { timeout: 60000 });
    });

    await step('risk', async () => {
      await page.goto(`${base}/#/risk`);
      await page.waitForSelector('[data-record="supply_risk"] table.data tbody tr', { timeout: 60000 });
      await page.waitForSelector('[data-record="hhi"] table.data tbody tr', { timeout: 60000 });
    });

    await step('korean-policy', async () => {
      await page.goto(`${base}/#/policy`);
      await page.click('#lang-switch');
      await page.waitForSelector('[data-record="policy_checks"] table.data tbody tr', { timeout: 60000 });
      const nav = await page.textContent('nav');
      expect(nav.includes('정책'), 'policy page not in Korean');
      // The checker's reasons come in Korean (the server translates them with lang=ko), not as
      // English marked lang="en".
      const body = await page.textContent('[data-record="policy_checks"] tbody');
      expect(body.includes('실행 모델이 계산하는 양이 아님'), 'policy reasons are not in Korean');
      // What stays as written is the data's own text: legal references and instrument names.
      const marked = await page.$$eval('[data-record="policy_checks"] tbody [lang="en"]',
        (cells) => cells.map((c) => c.textContent));
      const checker = marked.filter((m) => /the run|not evaluable|comparator|threshold|not in force/.test(m));
      expect(checker.length === 0, `policy reasons left in English: ${checker.slice(0, 3).join(' | ')}`);
      // The status badges keep their colours in Korean (the page reads the status code).
      const failing = await page.$$('[data-record="policy_checks"] tbody .badge.fail');
      expect(failing.length > 0, 'no red fail badge on the Korean policy page');
      await page.click('#lang-switch');
    });

    await step('korean-report', async () => {
      // ?lang=ko in the address chooses Korean; the overview's report link asks for it in Korean.
      await page.goto(`${base}/?lang=ko#/overview`);
      try {
        await page.waitForSelector('nav a[data-page="overview"]');
        const nav = await page.textContent('nav');
        expect(nav.includes('개요'), `?lang=ko did not choose Korean: ${nav}`);
        const link = await page.waitForSelector('a[href*="/report?lang=ko"]', { timeout: 30000 });
        const href = await link.getAttribute('href');
        await page.goto(`${base}${href}`);
        await page.waitForSelector('h2#findings');
        const english = await englishPhrases();
        expect(english.length === 0, `English in the Korean report: ${english.slice(0, 5).join(' | ')}`);
        const heading = await page.textContent('h2#findings');
        expect(heading.includes('주요 결과'), `findings heading not Korean: ${heading}`);
      } finally {
        // Back to English for the steps that follow, whatever happened above.
        await page.goto(`${base}/?lang=en#/overview`);
        await page.waitForSelector('nav a[data-page="overview"]');
      }
    });

    if (await hasRoute(base, 'POST /api/events')) {
      await step('event', async () => {
        await page.goto(`${base}/#/event`);
        const instance = fs.readFileSync(path.join(sourceDir, 'tests/data/match/small-s1.json'), 'utf8');
        await page.fill('#event-json', instance);
        await page.click('#event-upload');
        await page.click('#event-schedule', { timeout: 20000 });
        await page.waitForSelector('#schedule-grid td.meet', { timeout: 120000 });
        const meetings = await page.$$('#schedule-grid td.meet');
        expect(meetings.length > 10, `only ${meetings.length} meetings in the grid`);
        await page.waitForSelector('#ics-link', { timeout: 20000 });
        // The event is kept in the store: reopen it from the saved list, cancel a participant
        // and reschedule; the cancelled person leaves the grid.
        await page.goto(`${base}/#/overview`);
        await page.goto(`${base}/#/event`);
        await page.click('button[id^="open-e"]', { timeout: 20000 });
        await page.waitForSelector('#schedule-grid td.meet', { timeout: 20000 });
        const gone = await page.$eval('#cancel-person', (el) => el.value);
        await page.click('#event-reschedule');
        await page.waitForFunction((who) => {
          const note = document.querySelector('#event-out p.ok');
          return note && note.textContent.includes(who);
        }, gone, { timeout: 120000 });
        const cells = await page.$$eval('#schedule-grid td.meet', (tds) => tds.map((td) => td.textContent));
        expect(cells.length > 10, `only ${cells.length} meetings after rescheduling`);
        expect(!cells.some((c) => c.includes(gone)), `${gone} still in the grid after cancelling`);
      });
      await step('event-edit', async () => {
        // The edit screen on the event above: swap two meetings of one slot by clicking (no rule
        // broken) and keep the edit; then drag a meeting onto one in another slot where its
        // host already meets (a rule broken: shown, and keeping is refused), and re-optimise the
        // unlocked rest around the two locked meetings.
        const list = await (await page.request.get(`${base}/api/events`)).json();
        const id = list.events.filter((e) => e.name === 'small-s1')
          .map((e) => e.id).sort((p, q) => Number(q.slice(1)) - Number(p.slice(1)))[0];
        const instance = await (await page.request.get(`${base}/api/events/${id}/instance`)).json();
        const before = await (await page.request.get(`${base}/api/events/${id}/schedule`)).json();
        const available = new Map(instance.participants.map((p) => [p.id, new Set(p.available)]));
        const cell = (m) => `#schedule-grid td[data-slot="${m.slot}"][data-table="${m.table}"]`;
        await page.goto(`${base}/#/overview`);
        await page.goto(`${base}/#/event`);
        await page.click(`#open-${id}`, { timeout: 20000 });
        await page.waitForSelector('#schedule-grid td.meet', { timeout: 20000 });
        const [a, b] = before.meetings.filter((m) => m.slot === before.meetings[0].slot);
        await page.click(`${cell(a)} span`);
        await page.click(`${cell(b)} span`);
        await page.waitForFunction(() => {
          const s = document.querySelector('#edit-status');
          return s && s.classList.contains('ok');
        }, null, { timeout: 20000 });
        const status = await page.$eval('#edit-status', (el) => el.textContent);
        expect(status.includes('+0') && status.includes('no rule broken'), `same-slot swap: ${status}`);
        expect(await page.$eval('#edit-save', (el) => !el.disabled), 'keeping a valid edit is disabled');
        await page.click('#edit-save');
        await page.waitForFunction(() => !document.querySelector('#edit-status')?.textContent.includes('…')
          && document.querySelectorAll('#schedule-grid td.locked').length === 2, null, { timeout: 20000 });
        const kept = await (await page.request.get(`${base}/api/events/${id}/schedule`)).json();
        expect(kept.solver.method === 'manual' && kept.objective === before.objective,
          `kept edit: ${JSON.stringify(kept.solver)} objective ${kept.objective} (was ${before.objective})`);
        const lockedKept = kept.meetings.filter((m) => m.locked);
        expect(lockedKept.length === 2 && lockedKept.some((m) => m.k === a.k && m.table === b.table),
          `the swapped meetings are not locked in their new places: ${JSON.stringify(lockedKept)}`);
        // A cross-slot swap that double-books a host: x moves into y's slot, where x's host
        // has another meeting; both x and y can meet in their new slots.
        let pick = null;
        for (const x of kept.meetings) {
          for (const y of kept.meetings) {
            if (x.slot === y.slot || x.locked || y.locked) continue;
            // The other meeting of x's host is not locked: re-optimising can move it away.
            const clash = kept.meetings.some((z) => z !== y && z.slot === y.slot && z.k === x.k
              && !z.locked);
            // Neither lands beside a locked meeting of its own people (that clash is final).
            const pinned = (m, slot) => kept.meetings.some((z) => z.locked && z.slot === slot
              && (z.k === m.k || z.f === m.f));
            const fits = [x.k, x.f].every((p) => available.get(p).has(y.slot))
              && [y.k, y.f].every((p) => available.get(p).has(x.slot))
              && !pinned(x, y.slot) && !pinned(y, x.slot);
            if (clash && fits) pick = pick || [x, y];
          }
        }
        expect(pick, 'no cross-slot swap that breaks a rule in the schedule');
        const [x, y] = pick;
        await page.dragAndDrop(cell(x), cell(y));
        await page.waitForFunction(() => document.querySelectorAll('#edit-violations li').length > 0,
          null, { timeout: 20000 });
        const broken = await page.$$eval('#edit-violations li', (lis) => lis.map((li) => li.textContent));
        expect(broken.some((v) => v.includes(x.k) && v.includes('already has a meeting')),
          `violations do not name the double-booked host ${x.k}: ${broken.join(' | ')}`);
        expect(await page.$eval('#edit-save', (el) => el.disabled), 'keeping a broken edit is allowed');
        expect((await page.$$('#schedule-grid td.bad')).length > 0, 'no meeting marked as broken');
        await page.click('#edit-reoptimise');
        await page.waitForFunction(() => document.querySelector('#edit-error .error')
          || (document.querySelectorAll('#edit-violations li').length === 0
            && document.querySelectorAll('#schedule-grid td.locked').length === 4), null, { timeout: 60000 });
        const failed = await page.$eval('#edit-error', (el) => el.textContent);
        expect(!failed, `re-optimising x=${JSON.stringify(x)} y=${JSON.stringify(y)} failed: ${failed}`);
        const redone = await (await page.request.get(`${base}/api/events/${id}/schedule`)).json();
        const at = (m, slot, table) => redone.meetings.some((r) => r.k === m.k && r.f === m.f
          && r.slot === slot && r.table === table && r.locked);
        expect(at(x, y.slot, y.table) && at(y, x.slot, x.table),
          `re-optimised schedule moved the locked meetings: ${JSON.stringify(redone.meetings.filter((m) => m.locked))}`);
        const verdict = await (await page.request.post(`${base}/api/events/${id}/check`, { data: '' })).json();
        expect(verdict.feasible, `re-optimised schedule breaks rules: ${verdict.violations}`);
      });
      await step('event-max-min', async () => {
        // Fairness first on the same event: the schedule says its guaranteed level.
        await page.check('#event-max-min');
        await page.click('#event-schedule');
        await page.waitForSelector('#fairness-note', { timeout: 60000 });
        const note = await page.$eval('#fairness-note', (el) => el.textContent);
        const list = await (await page.request.get(`${base}/api/events`)).json();
        const id = list.events.filter((e) => e.name === 'small-s1')
          .map((e) => e.id).sort((p, q) => Number(q.slice(1)) - Number(p.slice(1)))[0];
        const made = await (await page.request.get(`${base}/api/events/${id}/schedule`)).json();
        expect(made.fairness && made.fairness.rule === 'max-min', `no fairness in ${JSON.stringify(made).slice(0, 300)}`);
        expect(note.includes(`at least ${made.fairness.guaranteed_meetings} meetings`),
          `the note does not say the guaranteed level ${made.fairness.guaranteed_meetings}: ${note}`);
      });
      await step('event-csv', async () => {
        // The shipped profiles CSV pasted as it is: scored by the server, and the grid names
        // organisations, not only ids.
        await page.goto(`${base}/#/event`);
        const csv = fs.readFileSync(path.join(sourceDir, 'examples/event/profiles.csv'), 'utf8');
        await page.fill('#event-json', csv);
        await page.click('#event-upload');
        await page.click('#event-schedule', { timeout: 20000 });
        await page.waitForSelector('#schedule-grid td.meet', { timeout: 120000 });
        const grid = await page.$eval('#schedule-grid', (el) => el.textContent);
        expect(grid.includes('Samsung SDI (K01)') || grid.includes('Saebitchem (K02)'),
          `no organisation names in the grid: ${grid.slice(0, 200)}`);
        // The Indonesian delegation speaks Indonesian only: its meetings show their interpreter
        // (the I rows of the profiles), and its partners' agendas name its members.
        expect(grid.includes('🗣 I02'), `no interpreter in the grid: ${grid.slice(0, 300)}`);
        await page.selectOption('#agenda-person', 'K02');
        await page.waitForFunction(() => document.querySelector('#event-out')?.textContent
          .includes('Head of delegation (official)'), null, { timeout: 20000 });
        // The agenda links the person's deal sheets from the baseline run of an earlier step.
        await page.waitForSelector('#dealsheet-link', { timeout: 20000 });
        const href = await page.$eval('#dealsheet-link', (a) => a.getAttribute('href'));
        const sheets = await page.request.get(`${base}${href}`);
        expect(sheets.status() === 200, `deal sheets answered ${sheets.status()}`);
        const body = await sheets.text();
        expect(body.includes('Why meet') && body.includes('Korea, Republic of (KOR)'),
          `deal sheets page lacks its sections: ${href}`);
      });
      await step('event-met-before', async () => {
        // A second event of the same profiles with the first one's meetings as met before:
        // the saved, scheduled events are offered, and the new instance records their pairs.
        await page.goto(`${base}/#/overview`);  // the same address again would not reload
        await page.goto(`${base}/#/event`);
        await page.waitForSelector('#event-met-before option', { timeout: 20000 });
        const options = await page.$$eval('#event-met-before option', (os) => os.map((o) => o.value));
        const number = (id) => Number(id.slice(1));  // "e12" -> 12
        // The profiles event scheduled just before: the highest id.
        const earlier = [...options].sort((a, b) => number(b) - number(a))[0];
        const csv = fs.readFileSync(path.join(sourceDir, 'examples/event/profiles.csv'), 'utf8');
        await page.fill('#event-json', csv);
        await page.selectOption('#event-met-before', [earlier]);
        await page.click('#event-upload');
        await page.waitForSelector('#event-schedule', { timeout: 20000 });
        const list = await (await page.request.get(`${base}/api/events`)).json();
        const newest = list.events.map((e) => e.id).sort((a, b) => number(b) - number(a))[0];
        expect(newest !== earlier, 'no new event was made');
        const instance = await (await page.request.get(`${base}/api/events/${newest}/instance`)).json();
        const schedule = await (await page.request.get(`${base}/api/events/${earlier}/schedule`)).json();
        expect(Array.isArray(instance.met_before) && instance.met_before.length === schedule.meetings.length,
          `met_before holds ${instance.met_before ? instance.met_before.length : 'nothing'}, `
          + `the earlier event ${earlier} had ${schedule.meetings.length} meetings `
          + `(options ${options.join(',')}, new ${newest}, events ${list.events.map((e) => `${e.id}:${e.name}`).join(',')})`);
      });
    }

    await step('korean-error', async () => {
      // An API error on a Korean page: a Korean sentence for its code leads; the server's English
      // message and hint are shown as written, marked lang="en".
      try {
        await page.goto(`${base}/?lang=ko#/plant`);
        await page.waitForSelector('#plant-mass');
        await page.fill('#plant-mass', '-5');
        await page.click('#plant-go');
        await page.waitForSelector('#plant-out .error', { timeout: 20000 });
        const box = await page.textContent('#plant-out .error');
        expect(box.includes('입력이 올바르지 않습니다'), `error box not in Korean: ${box}`);
        const marked = await page.$$('#plant-out .error [lang="en"]');
        expect(marked.length > 0, 'the server message is not marked as written');
        const english = await englishPhrases();
        expect(english.length === 0, `English on the Korean error: ${english.slice(0, 5).join(' | ')}`);
      } finally {
        await page.goto(`${base}/?lang=en#/overview`);
        await page.waitForSelector('nav a[data-page="overview"]');
      }
    });

    await step('korean-pages', async () => {
      // Every page in Korean, with the runs and the event made above: no English phrase outside
      // what the page marks as written by the user or the data (lang="en"). Error boxes would
      // show English server messages, so a page showing one fails too.
      const leaks = [];
      try {
        for (const id of ['overview', 'scenarios', 'runs', 'flows', 'map', 'series', 'compare',
          'risk', 'policy', 'market', 'plant', 'event']) {
          await page.goto(`${base}/?lang=ko#/${id}`);
          await page.waitForLoadState('networkidle');
          await page.waitForTimeout(300);
          const found = await englishPhrases();
          if (found.length) leaks.push(`${id}: ${found.slice(0, 5).join(' | ')}`);
        }
      } finally {
        await page.goto(`${base}/?lang=en#/overview`);
        await page.waitForSelector('nav a[data-page="overview"]');
      }
      expect(leaks.length === 0, `English on Korean pages: ${leaks.join('; ')}`);
    });
  } finally {
    await context.close();
    child.kill('SIGTERM');
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  if (consoleErrors.length) {
    failed += 1;
    console.log(`FAIL page errors: ${consoleErrors.join('; ')}`);
  }
  console.log(`screenshots: ${artifacts}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
