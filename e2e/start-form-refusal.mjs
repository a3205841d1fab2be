// Real-browser check of a refusal of the escalation start form by the server, in Tasklist 7.24 (run by e2e/run.sh
// against the same app as the other scripts).
//
// As sam.support: the start form "Support escalation" filled in with markup in "Reported by" (the form's own
// checks let it pass; the server's one validation refuses it). Tasklist must show the refusal in plain language
// with the field's label, "Reported by: markup is not allowed" (not "Cannot instantiate process definition ..."),
// keep the form open with what was typed, and start nothing. The message must be in view after the click on
// Start (Tasklist puts it above the form; a user style keeps it stuck to the dialog's top). Then the contact written as "Jane Doe <jane.doe@globex.example>" is accepted and kept.
// Screenshots: target/e2e/refusal-01-start-form-refused.png (the viewport as the user sees it),
// refusal-02-start-form-accepted.png. Prints "e2e: N passed, M failed" last and exits 1 on any failure.
//
// Environment: BASE_URL (default http://localhost:8099), CHROMIUM, E2E_OUT, E2E_ADMIN_USER/E2E_ADMIN_PASSWORD.

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { usePage, formRoot, fillText, clickAway, chooseOption, pickToday, visibleErrors, input } from './form-js.mjs';
import { useTasklist, eventually, login, dismissNotifications } from './tasklist-ui.mjs';

const BASE_URL = (process.env.BASE_URL || 'http://localhost:8099').replace(/\/+$/, '');
const REST = `${BASE_URL}/engine-rest`;
const TASKLIST = `${BASE_URL}/camunda/app/tasklist/`;
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = process.env.E2E_OUT || path.join(REPO, 'target', 'e2e');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const PASSWORD = 'demo';

const PROCESS_KEY = 'support-escalation';
// Jira-style, as the default escalation.ticket-id-pattern accepts it
const TICKET_ID = `SUP-${Date.now() % 1e8}`;
const EXPECTED = 'Reported by: markup is not allowed';
const CONTACT = 'Jane Doe <jane.doe@globex.example>';

let passed = 0;
let failed = 0;
let page;

class Abort extends Error {}

function log(msg) {
  console.log(msg);
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

async function check(name, fn) {
  const started = Date.now();
  try {
    await fn();
    passed += 1;
    log(`  ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    failed += 1;
    log(`  FAIL ${name}: ${String(e && e.message ? e.message : e).split('\n').slice(0, 4).join('\n        ')}`);
    if (page) {
      const base = path.join(OUT, `refusal-failure-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 50)}`);
      await page.screenshot({ path: `${base}.png`, fullPage: true }).catch(() => {});
      fs.writeFileSync(`${base}.html`, await page.content().catch(() => ''));
    }
    throw new Abort(name);
  }
}

const ADMIN_AUTH = 'Basic ' + Buffer.from(`${process.env.E2E_ADMIN_USER || 'admin'}:${process.env.E2E_ADMIN_PASSWORD || 'admin'}`).toString('base64');

async function get(p) {
  const res = await fetch(`${REST}${p}`, { headers: { Accept: 'application/json', Authorization: ADMIN_AUTH } });
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${p} -> HTTP ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

const instances = () => get(`/process-instance?businessKey=${encodeURIComponent(TICKET_ID)}&processDefinitionKey=${PROCESS_KEY}`);
const startButton = () => page.locator('.modal-footer button.btn-primary').filter({ hasText: 'Start' });

async function openStartForm() {
  await page.locator('[cam-widget-header]').getByText('Start process').click();
  const modal = page.locator('.modal-dialog');
  const entry = modal.locator('ul.processes a').filter({ hasText: /^\s*Support escalation\s*$/ }).first();
  const title = modal.locator('.modal-title').filter({ hasText: 'Start process: Support escalation' });
  for (let attempt = 1; ; attempt++) {
    await entry.click();
    try {
      await title.waitFor({ state: 'visible', timeout: 5000 });
      break;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
  const form = formRoot(modal);
  await form.waitFor({ state: 'visible', timeout: 20000 });
  await form.getByRole('heading', { name: 'Open a support escalation' }).waitFor();
  return form;
}

/** The visible error notifications, wherever Tasklist puts them, with whether each is on top where it is shown. */
async function shownErrors() {
  const alerts = page.locator('.alert-danger:visible, .notification.danger:visible');
  const shown = [];
  for (let i = 0; i < (await alerts.count()); i++) {
    const alert = alerts.nth(i);
    const text = (await alert.innerText()).replace(/[×\s]+/g, ' ').trim();
    // on top: the element at the centre of the alert is the alert (or inside it), and the centre is in the viewport
    const onTop = await alert.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      if (x < 0 || y < 0 || x > window.innerWidth || y > window.innerHeight) return false;
      const hit = document.elementFromPoint(x, y);
      return !!hit && (el === hit || el.contains(hit));
    });
    shown.push({ text, onTop });
  }
  return shown;
}

async function flow() {
  await check('login to Tasklist as sam.support', () => login('sam.support'));

  let start;
  await check('the start form filled in, "Reported by" with markup (the form itself lets it pass)', async () => {
    start = await openStartForm();
    await fillText(start, 'Field_customerName', 'Globex Corporation');
    await chooseOption(start, 'Field_accountTier', 'Pro');
    await fillText(start, 'Field_reportedBy', '<b>Jane</b>');
    await pickToday(start, 'Field_reportedDate');
    await fillText(start, 'Field_ticketId', TICKET_ID);
    await chooseOption(start, 'Field_issueType', 'Confirmed bug requiring code fix');
    await fillText(start, 'Field_issueSummary', 'Invoice export fails with HTTP 500');
    await fillText(start, 'Field_problemDescription', 'Exporting invoices for large accounts fails.');
    await fillText(start, 'Field_usersAffected', '40');
    await fillText(start, 'Field_businessImpact', 'Finance cannot close the month.');
    await chooseOption(start, 'Field_urgency', 'Medium');
    await fillText(start, 'Field_initialDiagnosis', 'Export query times out.');
    await fillText(start, 'Field_priorityJustification', 'Month-end close is blocked.');
    await clickAway(start);
    const errors = await visibleErrors(start);
    assert(!errors.length, `form-js refused already: ${JSON.stringify(errors)}`);
  });

  await check(`Start: Tasklist shows "${EXPECTED}" in the start dialog, which stays open; nothing starts`, async () => {
    await startButton().click();
    const shown = await eventually(async () => {
      const errors = await shownErrors();
      return errors.find((e) => e.text.includes('Reported by')) ? errors : null;
    }, 'an error naming "Reported by"', 15000);
    const refusal = shown.find((e) => e.text.includes('Reported by'));
    log(`        Tasklist shows: "${refusal.text}"`);
    assert(refusal.text.includes(EXPECTED), `shown: ${JSON.stringify(shown)}`);
    assert(!/Cannot instantiate|support-escalation:\d/.test(refusal.text), `engine wording shown: ${refusal.text}`);
    // Tasklist puts it in the dialog's notification panel above the form, which the user scrolled past to click
    // Start: tasklist/styles/user-styles.css keeps the panel stuck to the dialog's top, so it is in view.
    if (!refusal.onTop) {
      await page.screenshot({ path: path.join(OUT, 'refusal-00-start-form-refused-out-of-view.png') });
    }
    assert(refusal.onTop, 'the refusal is out of view after Start (screenshot target/e2e/refusal-00-start-form-refused-out-of-view.png)');
    assert(await start.isVisible(), 'the start form closed');
    assert((await input(start, 'Field_customerName').inputValue()) === 'Globex Corporation', 'the form lost what was typed');
    await page.screenshot({ path: path.join(OUT, 'refusal-01-start-form-refused.png') });
    log('        screenshot target/e2e/refusal-01-start-form-refused.png');
    assert((await instances()).length === 0, 'an instance was started');
  });

  await check(`"${CONTACT}" is accepted; the contact is kept as written`, async () => {
    await dismissNotifications();
    await fillText(start, 'Field_reportedBy', CONTACT);
    await clickAway(start);
    await startButton().click();
    await page.locator('.modal-dialog').waitFor({ state: 'detached', timeout: 20000 });
    const instance = await eventually(async () => (await instances())[0], `instance ${TICKET_ID}`, 20000);
    const reportedBy = await get(`/process-instance/${instance.id}/variables/reportedBy`);
    assert(reportedBy.value === CONTACT, `reportedBy: ${JSON.stringify(reportedBy)}`);
    await page.screenshot({ path: path.join(OUT, 'refusal-02-start-form-accepted.png') });
  });
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  log(`e2e: start-form refusal against ${BASE_URL}, ticket ${TICKET_ID}`);
  const udd = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-chromium-'));
  const context = await chromium.launchPersistentContext(udd, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  page = context.pages()[0] || (await context.newPage());
  usePage(page);
  useTasklist({ page, out: OUT, tasklist: TASKLIST, password: PASSWORD, log });
  page.setDefaultTimeout(15000);
  await context.route((url) => !url.href.startsWith(BASE_URL) && !/^(data|blob|about):/.test(url.protocol),
    (route) => route.abort());
  try {
    await flow();
  } catch (e) {
    if (!(e instanceof Abort)) {
      failed += 1;
      log(`  FAIL unexpected error: ${e.stack || e}`);
    }
  } finally {
    await context.close().catch(() => {});
    fs.rmSync(udd, { recursive: true, force: true });
  }
}

await main();
log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
