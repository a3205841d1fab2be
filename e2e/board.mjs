// Real-browser check of the escalation tracking board (/board) and an escalation's page.
//
// Usage: node e2e/board.mjs     (BASE_URL defaults to http://localhost:8099; see e2e/run.sh)
// Needs a running app (with its job executor), Debian's /usr/bin/chromium and playwright-core.
//
// The SLA states under control: the running app's clock cannot be moved from here (ClockUtil is the tests' tool;
// there is no operations endpoint for it), so the states come from due instants that make them certain, plus the
// SLA timers fired early by the admin through /engine-rest (exactly what the job executor does when the clock
// reaches their due instants). All at L4 (24x7: response due 15 minutes after the level is entered, warning at
// 75 %, 11:15 min), whatever the day and time the check runs:
//   ON = L4, nothing fired: on track for 11 minutes;  RISK = L4, its response warning timer fired: at risk;
//   BREACH = L4, its response breach timer fired (L4 informs the lead and restarts its clocks): breached;
//   PAUSED = L4, acknowledged, waiting for the customer: paused;  ENG = L2 (engineering's);
//   CLOSED = L1 worked through to the end (customer "Initech Board <run>").
// 1. Opens them through /api/escalations as sam.support and works them through the engine REST API as the demo
// users. 2. In Chromium, logs in to the board as sam.support: each is under its level with its SLA state by colour
// class and by text, its customer, tier, handler group, links to its task in Tasklist and its instance in Cockpit.
// 3. vic.vp claims ON's task: the board shows the assignee without a reload (it polls). 4. Searches the closed one
// by customer and opens its page: its timeline (level decision by whom and why, first response, resolution,
// closing). 5. BREACH's page: the breach, the lead informed, its mails with their states as the API has them.
// 6. erin.engineer sees ENG and none of the L4 ones. Screenshots: target/e2e/board-*.png. Prints
// "e2e: N passed, M failed" last; exits 1 on any failure.

import fs from 'node:fs';
import path from 'node:path';
import {
  ADMIN_PASSWORD, BASE_URL, CHROMIUM, OUT, PASSWORD, REPO, assert, assertEqual, basic, call, check, eventually, checkStayedInApp, launchBrowser, results, runChecks, useHarness,
} from './harness.mjs';

const RUN = `${Date.now() % 1e7}`;

let page;






// ------------------------------------------------------------------ the known escalations

function escalation(ticketId, customerName, issueType, accountTier) {
  return {
    ticketId, customerName, accountTier, reportedBy: 'peter@initech.example', reportedDate: '2026-11-20',
    issueType, issueSummary: 'Report export fails', problemDescription: 'The monthly export stops at 90 %.',
    usersAffected: 5, businessImpact: 'Monthly reporting is late', urgency: 'MEDIUM',
    initialDiagnosis: 'Timeout in the export job', priorityJustification: 'Finance needs it',
  };
}

async function instanceOf(ticketId) {
  const [instance] = await call('admin', 'GET', `/engine-rest/process-instance?businessKey=${ticketId}`);
  return instance;
}

async function taskOf(ticketId, key) {
  const instance = await instanceOf(ticketId);
  return eventually(async () => (await call('admin', 'GET', `/engine-rest/task?processInstanceId=${instance.id}&taskDefinitionKey=${key}`))[0],
    `${key} of ${ticketId}`);
}

async function complete(ticketId, key, user, values) {
  const task = await taskOf(ticketId, key);
  await call(user, 'POST', `/engine-rest/task/${task.id}/claim`, { userId: user });
  const variables = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v }]));
  await call(user, 'POST', `/engine-rest/task/${task.id}/submit-form`, { variables });
}

/** Fires an SLA timer now, as the job executor does at its due instant (admins may; nobody else). */
async function fireTimer(ticketId, timerId) {
  const instance = await instanceOf(ticketId);
  const timer = await eventually(async () => (await call('admin', 'GET', `/engine-rest/job?processInstanceId=${instance.id}&activityId=${timerId}`))[0],
    `timer ${timerId} of ${ticketId}`);
  await call('admin', 'POST', `/engine-rest/job/${timer.id}/execute`);
}

const PRE_CHECKS = ['preCheckTroubleshooting', 'preCheckKnowledgeBase', 'preCheckReproduced', 'preCheckTechnicalDetails',
  'preCheckStepsDocumented', 'preCheckExistingReports', 'preCheckImpactAssessed'];
const POST_CHECKS = ['postCheckFixVerified', 'postCheckKnowledgeBaseUpdated', 'postCheckRootCauseDocumented',
  'postCheckFeedbackGathered', 'postCheckTicketClosed', 'postCheckLearningsShared'];
const all = (names) => Object.fromEntries(names.map((n) => [n, true]));
const REASON = 'The board check needs this level';

async function openAt(ticketId, customer, level, issueType = 'CONFIRMED_BUG', tier = 'ENTERPRISE') {
  await call('sam.support', 'POST', '/api/escalations', escalation(ticketId, customer, issueType, tier));
  await complete(ticketId, 'Task_ReviewEscalationLevel', 'sam.support', {
    priority: 'HIGH', duringCheckTemplateComplete: true, duringCheckPrioritySet: true, levelOverride: level, levelOverrideReason: REASON,
  });
  if (level !== 'L1') await complete(ticketId, 'Task_CompletePreEscalationChecklist', 'sam.support', all(PRE_CHECKS));
  await taskOf(ticketId, 'Task_AcknowledgeEscalation'); // the level's clocks run
}

const entryOf = (board, ticketId) => board.levels.flatMap((g) => g.escalations.map((e) => ({ ...e, group: g.level })))
  .find((e) => e.ticketId === ticketId);

async function loginInBrowser(user) {
  await page.goto(`${BASE_URL}/board`);
  await page.evaluate(() => sessionStorage.clear());
  await page.goto(`${BASE_URL}/board`);
  await page.fill('#username', user);
  await page.fill('#password', PASSWORD);
  await page.click('#loginButton');
  await page.waitForFunction(() => window.board && window.board.data);
}

async function rowOf(ticketId) {
  return page.evaluate((t) => {
    const row = document.querySelector(`tr[data-ticket="${t}"]`);
    if (!row) return null;
    const text = (sel) => row.querySelector(sel)?.textContent.trim();
    return {
      level: row.closest('section.level').dataset.level, state: row.querySelector('.sla').dataset.state,
      label: text('.sla'), colour: getComputedStyle(row.querySelector('.sla')).backgroundColor,
      customer: text('.customer'), tier: text('.tier'), groups: text('.groups'), assignee: text('.assignee'),
      tasklist: row.querySelector('a.tasklist')?.getAttribute('href'), cockpit: row.querySelector('a.cockpit')?.getAttribute('href'),
      page: row.querySelector('a.ticket')?.getAttribute('href'),
    };
  }, ticketId);
}

async function main() {
  useHarness({ prefix: 'board' });
  fs.mkdirSync(OUT, { recursive: true });
  const T = (n) => `TICKET-8${RUN}${n}`;
  const ON = T(1); const RISK = T(2); const BREACH = T(3); const PAUSED = T(4); const ENG = T(5); const CLOSED = T(6);
  const closedCustomer = `Initech Board ${RUN}`;

  await check('six known escalations opened through the API and worked through by the demo users', async () => {
    for (const [ticket, name] of [[ON, 'Acme On Track'], [RISK, 'Acme At Risk'], [BREACH, 'Acme Breached'], [PAUSED, 'Acme Paused']]) {
      await openAt(ticket, `${name} ${RUN}`, 'L4');
    }
    await openAt(ENG, `Acme Engineering ${RUN}`, 'L2', 'CONFIRMED_BUG', 'PRO');
    await fireTimer(RISK, 'Timer_ResponseSlaWarning');
    await fireTimer(BREACH, 'Timer_ResponseSlaBreached');
    await complete(PAUSED, 'Task_AcknowledgeEscalation', 'vic.vp', { initialAssessment: 'Calling the customer' });
    await complete(PAUSED, 'Task_ResolveEscalation', 'vic.vp', { levelOutcome: 'WAITING_FOR_CUSTOMER', levelChangeReason: 'Asked for the export log' });
    await openAt(CLOSED, closedCustomer, 'L1', 'HOW_TO_QUESTION', 'FREE');
    await complete(CLOSED, 'Task_AcknowledgeEscalation', 'sam.support', { initialAssessment: 'Known answer' });
    await complete(CLOSED, 'Task_ResolveEscalation', 'sam.support', {
      levelOutcome: 'RESOLVED', rootCause: 'Missing documentation', resolutionSummary: 'Explained the setting',
    });
    await complete(CLOSED, 'Task_CompleteAfterResolutionChecklist', 'sam.support', {
      ...all(POST_CHECKS), rootCause: 'Missing documentation', resolutionSummary: 'Explained the setting', csatScore: 5,
    });
    // the job executor runs the warning, the breach's steps and the closing
    await eventually(async () => {
      const board = await call('sam.support', 'GET', '/api/board');
      const state = (t) => entryOf(board, t)?.sla.state;
      return state(RISK) === 'AT_RISK' && state(BREACH) === 'BREACHED' && state(PAUSED) === 'PAUSED' && !entryOf(board, CLOSED);
    }, 'the warning, the breach, the pause and the closing on the API\'s board', 30000);
  });

  const browser = await launchBrowser({ name: 'board', viewport: { width: 1500, height: 1600 }, timeoutMs: 20000, appOnly: true });
  ({ page } = browser);

  try {
    await check('sam.support logs in to the board: each escalation under its level, its SLA state by colour and by text', async () => {
      await loginInBrowser('sam.support');
      const expected = { [ON]: ['L4', 'ON_TRACK', 'On track'], [RISK]: ['L4', 'AT_RISK', 'At risk'],
        [BREACH]: ['L4', 'BREACHED', 'Breached'], [PAUSED]: ['L4', 'PAUSED', 'Paused'], [ENG]: ['L2', 'ON_TRACK', 'On track'] };
      const colours = {};
      for (const [ticket, [level, state, label]] of Object.entries(expected)) {
        const row = await eventually(() => rowOf(ticket), `${ticket} on the board`);
        assertEqual([row.level, row.state, row.label], [level, state, label], `${ticket}'s level and SLA state`);
        colours[state] = row.colour;
      }
      assertEqual(new Set(Object.values(colours)).size, 4, `four states, four colours: ${JSON.stringify(colours)}`);
      assert(!(await rowOf(CLOSED)), `${CLOSED} is closed: not on the board`);
      const on = await rowOf(ON);
      assertEqual([on.customer, on.tier, on.groups, on.assignee], [`Acme On Track ${RUN}`, 'ENTERPRISE', 'executives', 'unassigned'], 'ON\'s row');
      const task = await taskOf(ON, 'Task_AcknowledgeEscalation');
      const instance = await instanceOf(ON);
      assertEqual(on.tasklist, `/camunda/app/tasklist/default/#/?task=${task.id}`, 'the link to its task in Tasklist');
      assertEqual(on.cockpit, `/camunda/app/cockpit/default/#/process-instance/${instance.id}`, 'the link to its instance in Cockpit');
      const eng = await rowOf(ENG);
      assertEqual(eng.groups, 'engineering', 'ENG\'s handler group');
      await page.screenshot({ path: path.join(OUT, 'board-01-support.png'), fullPage: true });
    });

    await check('the board refreshes itself: vic.vp claims ON\'s task and the assignee appears without a reload', async () => {
      const loads = await page.evaluate(() => window.board.loads);
      await page.evaluate(() => { window.notReloaded = true; });
      const task = await taskOf(ON, 'Task_AcknowledgeEscalation');
      await call('vic.vp', 'POST', `/engine-rest/task/${task.id}/claim`, { userId: 'vic.vp' });
      await eventually(async () => (await rowOf(ON))?.assignee === 'vic.vp', 'vic.vp as ON\'s assignee on the board', 25000);
      assert(await page.evaluate(() => window.notReloaded === true), 'the page was not reloaded');
      assert((await page.evaluate(() => window.board.loads)) > loads, 'the board was read again');
    });

    await check('the search finds the closed escalation by its customer; its page shows its timeline', async () => {
      await page.fill('#q', closedCustomer.toLowerCase());
      await page.click('#searchButton');
      await page.waitForSelector(`#resultRows tr[data-ticket="${CLOSED}"]`);
      const status = await page.$eval(`#resultRows tr[data-ticket="${CLOSED}"] .status`, (n) => n.textContent);
      assertEqual(status, 'closed', 'the found escalation\'s status');
      await page.screenshot({ path: path.join(OUT, 'board-02-search.png'), fullPage: true });
      await page.click(`#resultRows tr[data-ticket="${CLOSED}"] a.ticket`);
      await page.waitForFunction((t) => window.board && window.board.page && window.board.page.ticketId === t, CLOSED);
      const items = await page.$$eval('#timeline li', (lis) => lis.map((li) => ({ kind: li.dataset.kind, text: li.textContent })));
      const kinds = items.map((i) => i.kind);
      for (const kind of ['OPENED', 'LEVEL_CHANGE', 'FIRST_RESPONSE', 'RESOLVED', 'CLOSED']) {
        assert(kinds.includes(kind), `${kind} on the timeline: ${kinds}`);
      }
      assert(kinds.indexOf('OPENED') < kinds.indexOf('RESOLVED') && kinds.indexOf('RESOLVED') < kinds.indexOf('CLOSED'),
        `the timeline in order: ${kinds}`);
      const decided = items.find((i) => i.kind === 'LEVEL_CHANGE').text;
      // the table suggested L1 and Support kept it: decided, with the table's reason
      assert(decided.includes('L1: level decided') && decided.includes('by sam.support')
        && decided.includes('Decision table for issue type HOW_TO_QUESTION'), `who and why of the level decision: ${decided}`);
      const response = items.find((i) => i.kind === 'FIRST_RESPONSE').text;
      assert(response.includes('Known answer'), `the first response's assessment: ${response}`);
      const facts = await page.$eval('#facts', (n) => n.textContent);
      assert(facts.includes(closedCustomer) && facts.includes('closed'), `the page's facts: ${facts}`);
      await page.screenshot({ path: path.join(OUT, 'board-03-closed-timeline.png'), fullPage: true });
    });

    await check('the breached escalation\'s page: the breach, the lead informed, every mail with its state as the API has it', async () => {
      await page.goto(`${BASE_URL}/board/escalation.html?ticket=${BREACH}`);
      await page.waitForFunction((t) => window.board && window.board.page && window.board.page.ticketId === t, BREACH);
      const kinds = await page.$$eval('#timeline li', (lis) => lis.map((li) => li.dataset.kind));
      assert(kinds.includes('RESPONSE_SLA_BREACHED'), `the breach on the timeline: ${kinds}`);
      await eventually(async () => {
        await page.reload();
        await page.waitForFunction(() => window.board && window.board.page);
        return (await page.$$eval('#timeline li', (lis) => lis.map((li) => li.dataset.kind))).includes('LEAD_INFORMED');
      }, 'the lead informed on the timeline');
      const badge = await page.$eval('#facts .sla', (n) => [n.dataset.state, n.textContent]);
      assertEqual(badge, ['BREACHED', 'Breached'], 'the page\'s SLA state');
      const api = await call('sam.support', 'GET', `/api/board/escalations/${BREACH}`);
      assert(api.mails.length >= 2, `its mails (engineering e-mail, breach notice): ${api.mails.length}`);
      const shown = await page.$$eval('details.mail', (ds) => ds.map((d) => ({
        id: Number(d.dataset.mail), state: d.querySelector('.mail-state').dataset.state, subject: d.querySelector('.subject').textContent,
      })));
      const byId = Object.fromEntries(shown.map((m) => [m.id, m]));
      for (const mail of api.mails) {
        assert(byId[mail.id], `mail ${mail.id} (${mail.subject}) on the page`);
        assertEqual(byId[mail.id].subject, mail.subject, `mail ${mail.id}'s subject`);
        assert(['SENT', 'PENDING', 'FAILED'].includes(byId[mail.id].state), `mail ${mail.id}'s state: ${byId[mail.id].state}`);
      }
      await page.click('details.mail summary');
      const body = await page.$eval('details.mail[open] pre.body', (n) => n.textContent);
      assert(body.length > 20, `the mail's body is readable: ${body.slice(0, 80)}`);
      const recipients = await page.$eval('details.mail[open] .recipients', (n) => n.textContent);
      assert(recipients.startsWith('To: ') && recipients.includes('@'), `the mail's recipients: ${recipients}`);
      await page.screenshot({ path: path.join(OUT, 'board-04-breached-timeline.png'), fullPage: true });
    });

    await check('erin.engineer sees the engineering escalation and none of the executives\' ones', async () => {
      await loginInBrowser('erin.engineer');
      await eventually(() => rowOf(ENG), `${ENG} on erin.engineer's board`);
      for (const ticket of [ON, RISK, BREACH, PAUSED]) assert(!(await rowOf(ticket)), `${ticket} is not erin.engineer's`);
      await page.screenshot({ path: path.join(OUT, 'board-05-engineering.png'), fullPage: true });
      await page.goto(`${BASE_URL}/board/escalation.html?ticket=${BREACH}`);
      await page.waitForFunction(() => document.getElementById('title').textContent.includes('may not read'));
    });

    await checkStayedInApp(browser);
  } finally {
    await browser.close();
  }
}

await runChecks(main);
