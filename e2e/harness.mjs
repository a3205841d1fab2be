// What the API-driven browser checks share (board, metrics dashboard, mail failure): the run's settings, checks
// counted with a screenshot of a failure, assertions, REST calls as a demo user, polling.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BASE_URL = (process.env.BASE_URL || 'http://localhost:8099').replace(/\/+$/, '');
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUT = process.env.E2E_OUT || path.join(REPO, 'target', 'e2e');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const PASSWORD = process.env.DEMO_PASSWORD || 'demo';
export const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD || 'admin';

/** How many checks passed and failed; each script prints them last ("e2e: N passed, M failed"). */
export const results = { passed: 0, failed: 0 };
let page;
let failurePrefix = 'e2e';

/** The script's name for failure screenshots, and its page once it has one. */
export function useHarness({ prefix, page: p }) {
  if (prefix) failurePrefix = prefix;
  if (p) page = p;
}

export function assert(cond, msg) { if (!cond) throw new Error(msg); }

export function assertEqual(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  assert(a === e, `${what}: expected ${e}, got ${a}`);
}

/** Runs one named check; a failure is counted, screenshotted and rethrown marked as counted. */
export async function check(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.passed += 1;
    console.log(`  ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    results.failed += 1;
    console.log(`  FAIL ${name}: ${String(e.message || e).split('\n').slice(0, 4).join('\n        ')}`);
    if (page) {
      try {
        await page.screenshot({ path: path.join(OUT, `${failurePrefix}-failure-${results.failed}.png`), fullPage: true });
      } catch (_) { /* no page to take */ }
    }
    e.counted = true;
    throw e;
  }
}

export const basic = (user) => 'Basic ' + Buffer.from(`${user}:${user === 'admin' ? ADMIN_PASSWORD : PASSWORD}`).toString('base64');

/** A JSON call as the user; anything but 2xx throws with the status and the start of the body. */
export async function call(user, method, p, body) {
  const res = await fetch(`${BASE_URL}${p}`, {
    method,
    headers: { Accept: 'application/json', Authorization: basic(user), ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${user}: ${method} ${p} -> HTTP ${res.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

/** Polls fn (errors count as "not yet") until it answers something truthy; fails naming what it waited for. */
export async function eventually(fn, what, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (e) { last = e; }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Debian's Chromium in a throw-away profile, its page registered for failure screenshots. appOnly: requests to any
 * other host are refused and listed in `outside` (the app's pages bundle their assets: no CDN); page errors are
 * collected in `pageErrors`. close() ends the browser and removes the profile.
 */
export async function launchBrowser({ name, viewport, timeoutMs, appOnly = false }) {
  const udd = fs.mkdtempSync(path.join(os.tmpdir(), `e2e-${name}-chromium-`));
  const context = await chromium.launchPersistentContext(udd, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const outside = [];
  const pageErrors = [];
  if (appOnly) {
    await context.route((url) => !url.href.startsWith(BASE_URL) && !/^(data|blob|about):/.test(url.protocol),
      (route) => { outside.push(route.request().url()); return route.abort(); });
  }
  const browserPage = context.pages()[0] || (await context.newPage());
  useHarness({ page: browserPage });
  browserPage.setDefaultTimeout(timeoutMs);
  browserPage.on('pageerror', (e) => pageErrors.push(e.message));
  return {
    page: browserPage, outside, pageErrors,
    close: async () => { await context.close(); fs.rmSync(udd, { recursive: true, force: true }); },
  };
}

/**
 * Logs in to one of Camunda's webapps (cockpit, admin, tasklist) and returns once the login has gone through: the
 * login form's header is there before the login, so waiting for the header alone lets the next navigation abort it.
 */
export async function loginToWebapp(browserPage, app, user, password) {
  await browserPage.goto(`${BASE_URL}/camunda/app/${app}/default/`, { waitUntil: 'networkidle' });
  const name = browserPage.locator('input[ng-model="username"]');
  await name.waitFor({ state: 'visible' });
  await name.fill(user);
  await browserPage.locator('input[ng-model="password"]').fill(password);
  const [answer] = await Promise.all([
    browserPage.waitForResponse((r) => r.url().endsWith(`/login/${app}`) && r.request().method() === 'POST'),
    browserPage.locator('button[type=submit]').first().click(),
  ]);
  assert(answer.ok(), `login to ${app} as ${user}: HTTP ${answer.status()}`);
  await name.waitFor({ state: 'hidden' });
}

/** The last check of an app-only browser (launchBrowser's appOnly): no request left the app, no script error. */
export async function checkStayedInApp({ outside, pageErrors }) {
  await check('no request left the app, no script error', async () => {
    assertEqual(outside, [], 'requests to other hosts');
    assertEqual(pageErrors, [], 'page errors');
  });
}

/** Runs a script's checks, counts an error outside them as a failure, prints the summary line and exits with it. */
export async function runChecks(main) {
  try {
    await main();
  } catch (e) {
    if (!e.counted) {
      results.failed += 1;
      console.log(`  FAIL unexpected error: ${e.stack || e}`);
    }
  }
  console.log(`e2e: ${results.passed} passed, ${results.failed} failed`);
  process.exit(results.failed ? 1 : 0);
}
