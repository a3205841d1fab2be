// Real-browser check of the feature-request process's Camunda Forms in Tasklist 7.24 (see e2e/run.sh, which
// runs it after tasklist-forms.mjs against the same app).
//
// As sam.support: start "Feature request" through its start form (groups, the tier select, the workaround field
// shown only when ticked, a missing required field refused), then a second request under the running key
// refused without "joins a running feature request" and accepted with it; as paula.product: the "Product review"
// task with the evidence (both customers), the target release shown only for "Accepted", completed; the engine
// REST API and /api/feature-requests confirm each step. Screenshots: target/e2e/fr-NN-*.png.
// Prints "e2e: N passed, M failed" last and exits 1 on any failure.
//
// Environment: BASE_URL (default http://localhost:8099), CHROMIUM, E2E_OUT, E2E_ADMIN_USER/E2E_ADMIN_PASSWORD.
// The helpers below are those of tasklist-forms.mjs (same DOM of the form-js bundled in Tasklist 7.24).

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { usePage, formRoot, input, fieldOf, errorOf, fillText, clickAway, openDropdown, chooseOption, selectShows, expectSelectShows, pickToday, setCheckbox, tickRequiredCheckboxes, groupHeadings, visibleErrors } from './form-js.mjs';
import { useTasklist, eventually, screenshotForm, login, logout, openTaskFromFilter, claimOpenTask, taskForm, dismissNotifications, tryCompleteExpectingRefusal, errorToasts, completeOpenTask } from './tasklist-ui.mjs';

const BASE_URL = (process.env.BASE_URL || 'http://localhost:8099').replace(/\/+$/, '');
const REST = `${BASE_URL}/engine-rest`;
const TASKLIST = `${BASE_URL}/camunda/app/tasklist/`;
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = process.env.E2E_OUT || path.join(REPO, 'target', 'e2e');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const PASSWORD = 'demo';

const PROCESS_KEY = 'feature-request';
const FEATURE_KEY = `FEAT-E2E-${Date.now() % 1e8}`;

let passed = 0;
let failed = 0;
const notes = [];
let page;
let failureShots = 0;

class Abort extends Error {}

function log(msg) {
  console.log(msg);
}

function note(msg) {
  notes.push(msg);
  log(`  NOTE: ${msg}`);
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

async function dumpFailure(name) {
  if (!page) return;
  failureShots += 1;
  const base = path.join(OUT, `fr-failure-${String(failureShots).padStart(2, '0')}-${slug(name)}`);
  try {
    await page.screenshot({ path: `${base}.png`, fullPage: true });
    fs.writeFileSync(`${base}.html`, await page.content());
    log(`        (screenshot and HTML: ${path.relative(process.cwd(), base)}.png/.html)`);
  } catch (e) {
    log(`        (could not save failure screenshot: ${e.message})`);
  }
}

/** One check; a failed check with fatal=true stops the flow (later checks depend on it). */
async function check(name, fn, { fatal = true } = {}) {
  const started = Date.now();
  try {
    await fn();
    passed += 1;
    log(`  ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    failed += 1;
    const text = String(e && e.message ? e.message : e).replace(/\x1b\[[0-9;]*m/g, '');
    const lines = text.split('\n').filter((l) => l.trim());
    log(`  FAIL ${name}: ${lines.slice(0, 4).join('\n        ')}`);
    await dumpFailure(name);
    if (fatal) throw new Abort(name);
  }
}

function slug(s) {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}

// ---------------------------------------------------------------------------------------------
// Engine REST, with HTTP Basic as the admin (the app closes /engine-rest to anonymous callers)

const ADMIN_AUTH = 'Basic ' + Buffer.from(`${process.env.E2E_ADMIN_USER || 'admin'}:${process.env.E2E_ADMIN_PASSWORD || 'admin'}`).toString('base64');

async function rest(method, p, body) {
  const res = await fetch(`${REST}${p}`, {
    method,
    headers: body
      ? { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: ADMIN_AUTH }
      : { Accept: 'application/json', Authorization: ADMIN_AUTH },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${p} -> HTTP ${res.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

const get = (p) => rest('GET', p);

async function instancesByBusinessKey(key) {
  return get(`/process-instance?businessKey=${encodeURIComponent(key)}&processDefinitionKey=${PROCESS_KEY}`);
}

async function tasksOf(processInstanceId, taskDefinitionKey) {
  return get(`/task?processInstanceId=${processInstanceId}&taskDefinitionKey=${taskDefinitionKey}`);
}

/** Polls until fn returns a truthy value (the engine finishes the transaction after the HTTP answer). */

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// Tasklist helpers; the form-js ones are in form-js.mjs.


// ---------------------------------------------------------------------------------------------
// The flow

const AUTH = (user) => 'Basic ' + Buffer.from(`${user}:${PASSWORD}`).toString('base64');

async function featureApi(user) {
  const res = await fetch(`${BASE_URL}/api/feature-requests/${FEATURE_KEY}`, {
    headers: { Accept: 'application/json', Authorization: AUTH(user) },
  });
  return { status: res.status, body: res.status === 200 ? await res.json() : await res.text() };
}

async function featureInstance() {
  return (await get(`/process-instance?businessKey=${FEATURE_KEY}&processDefinitionKey=${PROCESS_KEY}`))[0];
}

async function openStartForm() {
  await page.locator('[cam-widget-header]').getByText('Start process').click();
  const modal = page.locator('.modal-dialog');
  const entry = modal.locator('ul.processes a').filter({ hasText: /^\s*Feature request\s*$/ }).first();
  const title = modal.locator('.modal-title').filter({ hasText: 'Start process: Feature request' });
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
  await form.getByRole('heading', { name: 'Feature request' }).waitFor();
  return form;
}

async function fillRequest(form, customer, tier, value, { useCase = true } = {}) {
  await fillText(form, 'Field_featureKey', FEATURE_KEY);
  await fillText(form, 'Field_featureSummary', 'SCIM provisioning for SSO users');
  if (useCase) await fillText(form, 'Field_customerUseCase', `${customer} onboards 500 users a month by hand`);
  await fillText(form, 'Field_featureBusinessImpact', 'Renewal at risk');
  await fillText(form, 'Field_requestingCustomer', customer);
  await fillText(form, 'Field_customerContact', `IT Desk <it@${customer.toLowerCase()}.example>`);
  await chooseOption(form, 'Field_customerTier', tier);
  await fillText(form, 'Field_contractValue', String(value));
  await clickAway(form);
}

const startButton = () => page.locator('.modal-footer button.btn-primary').filter({ hasText: 'Start' });

async function flow() {
  await check('engine REST answers; feature-request is deployed', async () => {
    const defs = await get(`/process-definition?key=${PROCESS_KEY}&latestVersion=true`);
    assert(defs.length === 1, `process ${PROCESS_KEY} not deployed`);
  });
  await check('login to Tasklist as sam.support', () => login('sam.support'));

  let start;
  await check('start form "Feature request" renders with its groups and the tier select', async () => {
    start = await openStartForm();
    const headings = (await groupHeadings(start)).map((h) => h.trim());
    assert(headings.join('|') === 'Feature|Requesting customer', `group headings: ${headings.join(' | ')}`);
    const tier = await openDropdown(start, 'Field_customerTier');
    const options = (await tier.locator('.fjs-dropdownlist-item').allInnerTexts()).map((s) => s.trim());
    assert(options.join(',') === 'Free,Pro,Enterprise', `tier options: ${options.join(',')}`);
    await start.locator('h1').click();
  });

  await check('start form: "Workaround" appears only when "Workaround available" is ticked', async () => {
    assert(!(await input(start, 'Field_featureWorkaroundDescription').count()), 'workaround shown while unticked');
    await setCheckbox(start, 'Field_featureWorkaroundAvailable', true);
    await input(start, 'Field_featureWorkaroundDescription').waitFor({ state: 'visible', timeout: 5000 });
    await fillText(start, 'Field_featureWorkaroundDescription', 'Nightly CSV import');
  });

  await check('start form with a missing required field (use case) is refused; nothing starts', async () => {
    await fillRequest(start, 'Globex', 'Enterprise', 120000, { useCase: false });
    if (await startButton().isEnabled()) await startButton().click();
    const err = errorOf(start, 'Field_customerUseCase');
    await err.waitFor({ state: 'visible', timeout: 5000 });
    assert(/required/i.test(await err.innerText()), `error: ${await err.innerText()}`);
    await sleep(1000);
    assert(await start.isVisible(), 'start form closed');
    assert(!(await featureInstance()), 'an instance was started');
  });
  await screenshotForm('fr-01-start-form-refused', start);

  await check('start form submits; the Enterprise request goes to Product review at once', async () => {
    await fillText(start, 'Field_customerUseCase', 'Globex onboards 500 users a month by hand');
    await clickAway(start);
    assert(!(await visibleErrors(start)).length, `errors: ${JSON.stringify(await visibleErrors(start))}`);
    await screenshotForm('fr-02-start-form-filled', start);
    await startButton().click();
    await page.locator('.modal-dialog').waitFor({ state: 'detached', timeout: 20000 });
    const instance = await eventually(featureInstance, `instance with business key ${FEATURE_KEY}`, 30000);
    await eventually(async () => (await tasksOf(instance.id, 'Task_ProductReview')).length === 1, 'Product review task', 20000);
  });

  await check('a second request under the running key is refused unless it joins, naming the field', async () => {
    start = await openStartForm();
    await fillRequest(start, 'Initech', 'Pro', 30000);
    await fillText(start, 'Field_customerUseCase', 'Initech wants the same');
    await clickAway(start);
    await startButton().click();
    const refusal = await eventually(async () => {
      const texts = await page.locator('.alert-danger:visible, .notification.danger:visible').allInnerTexts().catch(() => []);
      return texts.map((t) => t.replace(/\s+/g, ' ')).find((t) => t.includes('featureKey'));
    }, 'an error naming featureKey', 15000);
    assert(refusal.includes("tick 'joins a running feature'"), `refusal: ${refusal}`);
    await screenshotForm('fr-03-start-form-key-taken', start);
    await dismissNotifications();
    await setCheckbox(start, 'Field_joinsRunningFeature', true);
    await startButton().click();
    await page.locator('.modal-dialog').waitFor({ state: 'detached', timeout: 20000 });
    const instance = await featureInstance();
    await eventually(async () => (await get(`/process-instance/${instance.id}/variables/distinctCustomers`)).value === 2,
      'the feature counting 2 distinct customers', 30000);
    const api = await featureApi('sam.support');
    assert(api.status === 200 && api.body.requests.length === 2, `API: ${JSON.stringify(api)}`);
  });

  await logout();
  await check('login to Tasklist as paula.product', () => login('paula.product'));

  let form;
  const instance = await featureInstance();
  const review = (await tasksOf(instance.id, 'Task_ProductReview'))[0];
  await check('"Product review" opens from the filter with the evidence of both customers', async () => {
    await openTaskFromFilter(review.id, 'Product review');
    await claimOpenTask('Paula Product');
    form = await taskForm();
    await form.getByRole('heading', { name: 'Product review' }).waitFor();
    const evidence = await input(form, 'Field_featureEvidence').inputValue();
    assert(evidence.includes('2 requests from 2 distinct customers'), `evidence: ${evidence.slice(0, 200)}`);
    assert(evidence.includes('Globex (ENTERPRISE, 120,000.00)') && evidence.includes('Initech (PRO, 30,000.00)'),
      `evidence: ${evidence}`);
    assert((await input(form, 'Field_reviewCriteriaMet').inputValue()) === 'IMPACT', 'criteria not shown');
    assert(!(await input(form, 'Field_featureEvidence').isEditable()), 'evidence is editable');
  });

  await check('review form: "Target release" appears only for "Accepted"; the task completes', async () => {
    assert(!(await input(form, 'Field_targetRelease').count()), 'target release shown without an outcome');
    await fieldOf(form, 'Field_reviewOutcome').locator('label', { hasText: 'Declined' }).click();
    await input(form, 'Field_declineReason').waitFor({ state: 'visible', timeout: 5000 });
    await fieldOf(form, 'Field_reviewOutcome').locator('label', { hasText: 'Accepted to the roadmap' }).click();
    await input(form, 'Field_targetRelease').waitFor({ state: 'visible', timeout: 5000 });
    assert(!(await input(form, 'Field_declineReason').count()), 'decline reason still shown');
    await fillText(form, 'Field_targetRelease', '2027.1');
    await screenshotForm('fr-04-product-review', form);
    await completeOpenTask(async () => (await get(`/history/process-instance/${instance.id}`)).state === 'COMPLETED',
      'feature request completed');
    const api = await featureApi('paula.product');
    assert(api.status === 200 && api.body.status === 'ACCEPTED' && api.body.targetRelease === '2027.1',
      `API: ${JSON.stringify(api.body).slice(0, 300)}`);
    const outsider = await featureApi('erin.engineer');
    assert(outsider.status === 403, `engineering reads the feature request: HTTP ${outsider.status}`);
  });
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  for (const f of fs.readdirSync(OUT)) {
    if (/^fr-failure-.*\.(png|html)$/.test(f)) fs.rmSync(path.join(OUT, f));
  }
  log(`e2e: feature-request forms against ${BASE_URL}, feature ${FEATURE_KEY}`);

  const udd = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-chromium-'));
  const context = await chromium.launchPersistentContext(udd, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = context.pages()[0] || (await context.newPage());
  usePage(page);
  useTasklist({ page, out: OUT, tasklist: TASKLIST, password: PASSWORD, log });
  page.setDefaultTimeout(15000);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // Nothing but the app: block any other host.
  await context.route(
    (url) => !url.href.startsWith(BASE_URL) && !/^(data|blob|about):/.test(url.protocol),
    (route) => route.abort(),
  );

  try {
    await flow();
  } catch (e) {
    if (!(e instanceof Abort)) {
      failed += 1;
      log(`  FAIL unexpected error: ${e.stack || e}`);
      await dumpFailure('unexpected');
    }
  } finally {
    if (pageErrors.length) note(`JavaScript errors in the page: ${[...new Set(pageErrors)].join(' | ')}`);
    await context.close().catch(() => {});
    fs.rmSync(udd, { recursive: true, force: true });
  }
}

await main().catch((e) => {
  if (e instanceof Abort) return; // already counted
  failed += 1;
  log(`  FAIL ${e.stack || e}`);
});
if (notes.length) {
  log('notes:');
  for (const n of notes) log(`  - ${n}`);
}
log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
