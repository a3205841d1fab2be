// Tasklist helpers shared by the browser checks: log in and out, open a task from the filter, claim it, read
// its form, complete it, screenshots. The form-js helpers are in form-js.mjs.
import path from 'node:path';
import { formRoot } from './form-js.mjs';

let page;
let out;
let tasklist;
let password;
let log;

/** What the helpers work with: the page, the screenshot folder, Tasklist's URL, the demo password, a logger. */
export function useTasklist(options) {
  ({ page, out, tasklist, password, log } = options);
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls fn until it answers something truthy; fails naming what it waited for. */
export async function eventually(fn, what, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await sleep(300);
  }
}

export async function screenshotForm(name, form) {
  await dismissNotifications();
  const vp = page.viewportSize();
  const height = await form.evaluate((el) => el.scrollHeight);
  const tall = Math.min(Math.max(vp.height, height + 600), 12000);
  await page.setViewportSize({ width: vp.width, height: tall });
  await sleep(300);
  await page.screenshot({ path: path.join(out, `${name}.png`), fullPage: true });
  await page.setViewportSize(vp);
  await sleep(200);
  log(`        screenshot target/e2e/${name}.png`);
}

export async function login(userId) {
  await page.goto(`${tasklist}`, { waitUntil: 'networkidle' });
  const user = page.locator('input[ng-model="username"]');
  const pass = page.locator('input[ng-model="password"]');
  const loggedIn = page.locator('[cam-widget-header]').getByText('Start process');
  for (let attempt = 1; attempt <= 3; attempt++) {
    await user.waitFor({ state: 'visible', timeout: 20000 });
    await user.fill(userId);
    await pass.fill(password);
    await page.locator('button[type=submit]').filter({ hasText: 'Log in' }).click();
    try {
      await loggedIn.waitFor({ state: 'visible', timeout: 10000 });
      return;
    } catch (e) {
      const err = await page.locator('.notifications .alert-danger, .notification.danger').allInnerTexts().catch(() => []);
      if (err.some((t) => /Login Failed/i.test(t))) throw new Error(`login as ${userId} refused: ${err.join(' ').replace(/\s+/g, ' ')}`);
      if (attempt === 3) throw e;
      await page.reload({ waitUntil: 'networkidle' });
    }
  }
}

export async function logout() {
  await page.context().clearCookies();
}

/** Opens a task through the filter list: "My group tasks" if present, else "All tasks". */
export async function openTaskFromFilter(taskId, taskName) {
  await page.goto(`${tasklist}default/#/`, { waitUntil: 'networkidle' });
  const filters = page.locator('.filters .task-filter, [cam-tasklist-filters] .task-filter');
  await filters.first().waitFor({ state: 'visible', timeout: 15000 });
  let filter = filters.filter({ hasText: 'My group tasks' });
  if (!(await filter.count())) filter = filters.filter({ hasText: /All tasks/i });
  assert(await filter.count(), `no filter "My group tasks" or "All tasks" (filters: ${(await filters.allInnerTexts()).join(', ')})`);
  await filter.first().locator('a, .name').first().click();
  const entry = page.locator(`.tasks-list li:has(a[href*="task=${taskId}"])`).first();
  await eventually(async () => {
    if (await entry.count()) return true;
    await page.locator('[cam-tasks] .refresh, .tasks-list').first().isVisible();
    return false;
  }, `task "${taskName}" in the filter's list`, 20000);
  await entry.locator('a[href*="task="]').first().click();
  await page.locator('[cam-tasklist-task] .names, .task-details').first().waitFor({ state: 'visible', timeout: 15000 });
}

/** Tasklist's task header: an unassigned task shows button.claim, an assigned one li.assignee + button.unclaim. */
export async function claimOpenTask(userName) {
  const task = page.locator('[cam-tasklist-task]');
  await task.locator('button.claim').click();
  await task.locator('li.assignee button.unclaim').waitFor({ state: 'visible', timeout: 10000 });
  const assignee = (await task.locator('li.assignee').innerText()).trim();
  assert(assignee.toLowerCase() === userName.toLowerCase(), `assignee shown: "${assignee}"`);
}

export async function taskForm() {
  const form = formRoot(page.locator('[cam-tasklist-task]'));
  await form.waitFor({ state: 'visible', timeout: 20000 });
  await sleep(300);
  return form;
}

/** Closes Tasklist's notification toasts (they sit on top of the Complete button). */
export async function dismissNotifications() {
  const close = page.locator('.page-notifications .alert button.close:visible');
  for (let i = (await close.count()) - 1; i >= 0; i--) await close.nth(i).click().catch(() => {});
}

/**
 * Tries to complete a task whose form has invalid input: Tasklist either keeps Complete disabled
 * (form-js reported the error on blur) or, on a click, refuses with a toast. Answers what happened.
 */
export async function tryCompleteExpectingRefusal() {
  await dismissNotifications();
  const btn = page.locator('[cam-tasklist-task] button.btn-primary').filter({ hasText: /^\s*Complete\s*$/ }).first();
  if (!(await btn.isEnabled())) return 'Complete button disabled';
  await btn.click();
  const toast = page.locator('.page-notifications .alert-danger').first();
  await toast.waitFor({ state: 'visible', timeout: 5000 });
  return `toast "${(await toast.innerText()).replace(/[×\s]+/g, ' ').trim()}"`;
}

/** Text of the visible Tasklist error toasts, if any. */
export async function errorToasts() {
  const texts = await page.locator('.page-notifications .alert-danger:visible').allInnerTexts().catch(() => []);
  return texts.map((t) => t.replace(/[×\s]+/g, ' ').trim()).filter(Boolean);
}

/** Clicks Complete on the open task and waits until the engine confirms (fn answers truthy). */
export async function completeOpenTask(done, what) {
  await dismissNotifications();
  const btn = page.locator('[cam-tasklist-task] button.btn-primary').filter({ hasText: /^\s*Complete\s*$/ }).first();
  await btn.click();
  if (!done) return;
  try {
    return await eventually(done, what, 20000);
  } catch (e) {
    const toasts = await errorToasts();
    throw new Error(`${e.message}${toasts.length ? `; Tasklist says: ${toasts.join(' | ')}` : ''}`);
  }
}

/**
 * Opens the shared filter and searches it the way a person does in Tasklist's search box ("Task name like" the
 * text; the search widget keeps it in the URL), most urgent due date first. Answers the task cards' texts.
 */
export async function searchFilter(filterName, text) {
  await page.goto(`${tasklist}default/#/`, { waitUntil: 'networkidle' });
  const filters = page.locator('.filters .task-filter, [cam-tasklist-filters] .task-filter');
  await filters.first().waitFor({ state: 'visible', timeout: 15000 });
  const filter = filters.filter({ hasText: filterName });
  assert(await filter.count(), `no filter "${filterName}" (filters: ${(await filters.allInnerTexts()).join(', ').replace(/\s+/g, ' ')})`);
  await filter.first().locator('a, .name').first().click();
  const filterId = await eventually(async () => new URL(page.url().replace('#/', '')).searchParams.get('filter'), `filter "${filterName}" selected`);
  const search = encodeURIComponent(JSON.stringify([{ type: 'name', operator: 'Like', value: text, name: '' }]));
  const sorting = encodeURIComponent(JSON.stringify([{ sortBy: 'dueDate', sortOrder: 'asc' }]));
  await page.goto(`${tasklist}default/#/?filter=${filterId}&searchQuery=${search}&sorting=${sorting}`, { waitUntil: 'networkidle' });
  const cards = page.locator('.tasks-list li:has(a[href*="task="])');
  await eventually(async () => (await cards.count()) > 0, `a task card for "${text}" in filter "${filterName}"`, 20000);
  return (await cards.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/** The processes Tasklist's "Start process" dialog offers the logged-in user (the dialog is closed again). */
export async function startableProcesses() {
  await page.goto(`${tasklist}default/#/`, { waitUntil: 'networkidle' });
  await page.locator('[cam-widget-header]').getByText('Start process').first().click();
  const modal = page.locator('.modal-dialog');
  await modal.waitFor({ state: 'visible', timeout: 10000 });
  await sleep(2500); // the dialog queries the engine (startablePermissionCheck) once it opens
  const names = (await modal.locator('ul.processes li').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
  await page.keyboard.press('Escape');
  await modal.waitFor({ state: 'detached', timeout: 10000 }).catch(() => {});
  return names;
}

/** Whether the page shows Camunda 7 CE's "migrate to Camunda 8" banner (it is in the DOM, hidden by user-styles.css). */
export async function migrationBannerVisible() {
  const banner = page.locator('.ce-eol-banner');
  for (let i = 0; i < (await banner.count()); i++) {
    if (await banner.nth(i).isVisible()) return true;
  }
  return false;
}
