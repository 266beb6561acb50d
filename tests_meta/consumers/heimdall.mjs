#!/usr/bin/env node
// Opens Heimdall Lite (served on a loopback port, results preloaded) in headless Chromium and
// prints, as JSON on stdout, what the page shows: the file information, the status cards, the
// profile-error and waiver alerts, and every row of the results table (status, control ID, title).
// Each control named with --expand is opened, as a person clicks its status, and the text of its
// details (our evidence) is printed too. A screenshot of the whole page goes to SCREENSHOT.
// Usage: node heimdall.mjs URL SCREENSHOT [--chromium=PATH] [--expand=CONTROL_ID ...]
// Nothing leaves 127.0.0.0/8: every request for another host is aborted.
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: { chromium: { type: 'string', default: '/usr/bin/chromium' }, expand: { type: 'string', multiple: true, default: [] } },
});
const [url, screenshot] = positionals;
if (positionals.length !== 2) {
  console.error('usage: node heimdall.mjs URL SCREENSHOT [--chromium=PATH] [--expand=CONTROL_ID ...]');
  process.exit(2);
}
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

const browser = await chromium.launch({ executablePath: options.chromium, args: FLAGS, headless: true });
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1200 } });
  page.setDefaultTimeout(60000);
  const blocked = [];
  await page.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    if (host === '127.0.0.1' || host === 'localhost') return route.continue();
    blocked.push(route.request().url());
    return route.abort();
  });
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));

  await page.goto(url);
  await page.locator('[data-cy=cardText]').first().waitFor();
  await page.locator('[data-cy=controlRow]').first().waitFor({ state: 'attached' });
  // The results table renders its rows lazily, as they scroll into view: bring each one in.
  const placeholders = page.locator('.v-lazy');
  for (let i = 0; i < (await placeholders.count()); i++) {
    await placeholders.nth(i).scrollIntoViewIfNeeded();
    await placeholders.nth(i).locator('[data-cy=controlRow]').waitFor({ state: 'attached' });
  }
  const seen = await page.evaluate(() => {
    const text = (element) => (element ? element.innerText.replace(/\s+/g, ' ').trim() : '');
    const cards = [...document.querySelectorAll('[data-cy=cardText]')].map(text);
    const alerts = [...document.querySelectorAll('.v-card__title .title')].map(text).filter((t) => /^(ALERT|INFO):/.test(t));
    const rows = [];
    for (const row of document.querySelectorAll('[data-cy=controlRow]')) {
      const columns = row.querySelectorAll(':scope > .row > .col');
      const coloured = columns[0]?.querySelector('[class*=status]'); // the header row has a sort button there instead
      if (coloured && /\bstatus[A-Z]/.test(coloured.className)) {
        rows.push({ status: text(columns[0]), id: text(columns[2]), title: text(columns[3]) });
      }
    }
    return { fileInfo: text(document.querySelector('[data-cy=fileinfo]')), cards, alerts, rows };
  });
  const expanded = {};
  for (const id of options.expand) {
    if (!/^[A-Z]+-\d+$/.test(id)) throw new Error(`--expand: not a control ID: ${id}`);
    const named = new RegExp(`(^|\\s)${id}(\\s|$)`);
    const block = placeholders.filter({ has: page.locator('[data-cy=controlRow]', { hasText: named }) }).first();
    await block.locator('[data-cy=controlRow] .v-card--link').first().click();
    await block.getByText('Result', { exact: true }).first().waitFor();
    expanded[id] = await block.innerText();
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: screenshot, fullPage: true });
  process.stdout.write(JSON.stringify({ ...seen, expanded, blocked, pageErrors }) + '\n');
} finally {
  await browser.close();
}
