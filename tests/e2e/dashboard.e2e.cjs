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
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
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
    await page.screenshot({ path: path.join(artifacts, `${String(passed + failed).padStart(2, '0')}-${name}.png`), fullPage: true })
      .catch(() => {});
  };
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
