// Real-browser check of a failed mail (issue: failures show where people look): with the SMTP sink of
// e2e/smtp-sink.mjs stopped, an L2 escalation sends its engineering e-mail; the attempt fails and Cockpit shows
// the incident on the escalation's own instance, naming the mail and the ticket (and the stuck-escalation
// watch's incident beside it). The sink starts again: the retry (run.sh gives the app a short retry cycle)
// sends the mail and both incidents are resolved.
//
// Needs the app started by e2e/run.sh (mail to the sink, notification.retry-cycle R3/PT10S, stuck check every
// 5 s), Debian's /usr/bin/chromium and playwright-core. Environment: BASE_URL, SMTP_SINK_CONTROL (the sink's
// control URL), E2E_ADMIN_PASSWORD, DEMO_PASSWORD.
// Screenshots: target/e2e/mail-failure-*.png. Prints "e2e: N passed, M failed" last; exits 1 on any failure.
import fs from 'node:fs';
import path from 'node:path';
import {
  ADMIN_PASSWORD, BASE_URL, CHROMIUM, OUT, PASSWORD, REPO, assert, assertEqual, basic, call, check, eventually, launchBrowser, loginToWebapp, results, useHarness,
} from './harness.mjs';

const SINK = (process.env.SMTP_SINK_CONTROL || 'http://127.0.0.1:29099').replace(/\/+$/, '');
const TICKET = `TICKET-${7000000 + (Date.now() % 1000000)}`;
const MAIL_INCIDENT = 'notificationDeliveryFailed';
const STUCK_INCIDENT = 'escalationStuck';

let page;





async function sink(method, p) {
  const res = await fetch(`${SINK}${p}`, { method });
  if (!res.ok) throw new Error(`smtp sink: ${method} ${p} -> HTTP ${res.status}`);
  return res.json();
}


async function complete(instanceId, key, user, values) {
  const task = await eventually(async () => (await call('admin', 'GET',
    `/engine-rest/task?processInstanceId=${instanceId}&taskDefinitionKey=${key}`))[0], key);
  await call(user, 'POST', `/engine-rest/task/${task.id}/claim`, { userId: user });
  const variables = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v }]));
  await call(user, 'POST', `/engine-rest/task/${task.id}/submit-form`, { variables });
}

const incidents = (instanceId, type) => call('admin', 'GET', `/engine-rest/incident?processInstanceId=${instanceId}&incidentType=${type}`);

const PRE_CHECKS = ['preCheckTroubleshooting', 'preCheckKnowledgeBase', 'preCheckReproduced', 'preCheckTechnicalDetails',
  'preCheckStepsDocumented', 'preCheckExistingReports', 'preCheckImpactAssessed'];

async function main() {
  useHarness({ prefix: 'mail-failure' });
  fs.mkdirSync(OUT, { recursive: true });
  let instanceId;
  let mailIncident;

  await check(`SMTP down: ${TICKET} enters L2 and its engineering e-mail fails; the escalation has the incident within a minute`, async () => {
    await sink('POST', '/stop');
    await call('sam.support', 'POST', '/api/escalations', {
      ticketId: TICKET, customerName: 'Initech', accountTier: 'ENTERPRISE', reportedBy: 'peter@initech.example',
      reportedDate: '2026-11-20', issueType: 'INTEGRATION_PROBLEM', issueSummary: 'Invoices stop syncing to SAP',
      problemDescription: 'Since the update no invoice reaches SAP.', usersAffected: 40, businessImpact: 'Billing stopped',
      urgency: 'HIGH', initialDiagnosis: 'The connector gets 401', priorityJustification: 'Revenue at risk',
    });
    [{ id: instanceId }] = await call('admin', 'GET', `/engine-rest/process-instance?businessKey=${TICKET}&processDefinitionKey=support-escalation`);
    await complete(instanceId, 'Task_ReviewEscalationLevel', 'sam.support', {
      priority: 'HIGH', duringCheckTemplateComplete: true, duringCheckPrioritySet: true,
      levelOverride: 'L2', levelOverrideReason: 'Engineering must look at the connector',
    });
    await complete(instanceId, 'Task_CompletePreEscalationChecklist', 'sam.support',
      Object.fromEntries(PRE_CHECKS.map((n) => [n, true])));
    const entered = Date.now();
    const found = await eventually(async () => (await incidents(instanceId, MAIL_INCIDENT))
      .find((i) => i.configuration.includes(':engineering-escalation:')), 'the engineering mail\'s incident on the escalation', 60000);
    mailIncident = found;
    console.log(`        incident ${found.incidentType} ${Date.now() - entered} ms after the checklist: ${found.incidentMessage.slice(0, 160)}`);
    assert(found.incidentMessage.startsWith(`${TICKET}: mail '[ESCALATION] [L2] - Invoices stop syncing to SAP - Initech'`),
      `the message names the ticket and the mail: ${found.incidentMessage}`);
    assert(/Connection refused/.test(found.incidentMessage), `the message says why: ${found.incidentMessage}`);
    assert(Date.now() - entered < 60000, 'within a minute');
    assert(/^Attempt [123] of 3 failed at /.test(found.annotation || ''), `the annotation says which attempt: ${found.annotation}`);
    console.log(`        annotation: ${found.annotation}`);
    await eventually(async () => (await incidents(instanceId, STUCK_INCIDENT)).length === 1, 'the stuck-escalation incident');
  });

  const browser = await launchBrowser({ name: 'mail-failure', viewport: { width: 1500, height: 1100 }, timeoutMs: 20000 });
  ({ page } = browser);
  const incidentsTab = `${BASE_URL}/camunda/app/cockpit/default/#/process-instance/${instanceId}/runtime?tab=incidents-tab`;
  const incidentsText = async () => (await page.locator('body').innerText()).replace(/\s+/g, ' ');

  try {
    await check('Cockpit (admin) shows the incident on the escalation instance, naming the mail and the ticket', async () => {
      await loginToWebapp(page, 'cockpit', 'admin', ADMIN_PASSWORD);
      await page.goto(incidentsTab, { waitUntil: 'networkidle' });
      await eventually(async () => {
        const text = await incidentsText();
        return text.includes(MAIL_INCIDENT) && text.includes(`${TICKET}: mail '[ESCALATION] [L2] - Invoices stop syncing to SAP - Initech'`)
          && text.includes(STUCK_INCIDENT);
      }, 'both incidents in the instance\'s incidents tab');
      await page.screenshot({ path: path.join(OUT, 'mail-failure-1-incident-in-cockpit.png'), fullPage: true });
      console.log('        screenshot target/e2e/mail-failure-1-incident-in-cockpit.png');
    });

    await check('the board (sam.support) shows the escalation and its engineering e-mail as failed', async () => {
      await page.goto(`${BASE_URL}/board`);
      await page.fill('#username', 'sam.support');
      await page.fill('#password', PASSWORD);
      await page.click('#loginButton');
      await page.waitForFunction(() => window.board && window.board.data);
      await eventually(async () => page.evaluate((t) => !!document.querySelector(`tr[data-ticket="${t}"]`), TICKET),
        'the escalation on the board', 30000);
      await page.goto(`${BASE_URL}/board/escalation.html?ticket=${TICKET}`);
      await page.waitForFunction((t) => window.board && window.board.page && window.board.page.ticketId === t, TICKET);
      const mails = await page.$$eval('details.mail', (ds) => ds.map((d) => ({
        state: d.querySelector('.mail-state').dataset.state, subject: d.querySelector('.subject').textContent,
      })));
      const engineering = mails.find((m) => m.subject.includes('[ESCALATION] [L2] - Invoices stop syncing to SAP - Initech'));
      assert(engineering, `the engineering e-mail on the escalation's page: ${JSON.stringify(mails)}`);
      assert(engineering.state === 'FAILED', `shown as failed: ${engineering.state}`);
      await page.screenshot({ path: path.join(OUT, 'mail-failure-1b-failed-on-the-board.png'), fullPage: true });
      console.log('        screenshot target/e2e/mail-failure-1b-failed-on-the-board.png');
    });

    await check('SMTP back: the retry sends the engineering e-mail, both incidents are resolved, Cockpit shows none', async () => {
      await sink('POST', '/start');
      const started = Date.now();
      const mail = await eventually(async () => (await sink('GET', '/mails'))
        .find((m) => m.subject === '[ESCALATION] [L2] - Invoices stop syncing to SAP - Initech'), 'the engineering mail at the sink', 60000);
      assert(mail.to.includes('engineering@octoacme.example'), `sent to engineering: ${JSON.stringify(mail.to)}`);
      await eventually(async () => (await incidents(instanceId, MAIL_INCIDENT)).length === 0, 'the mail incident resolved', 30000);
      console.log(`        mail sent and its incident resolved ${Date.now() - started} ms after the sink started`);
      const history = await call('admin', 'GET', `/engine-rest/history/incident?incidentId=${mailIncident.id}`);
      assert(history.length === 1 && history[0].resolved, `the incident was resolved: ${JSON.stringify(history)}`);
      await eventually(async () => (await incidents(instanceId, STUCK_INCIDENT)).length === 0, 'the stuck incident resolved', 30000);
      await page.goto(`${BASE_URL}/camunda/app/cockpit/default/#/dashboard`, { waitUntil: 'networkidle' });
      await page.goto(incidentsTab, { waitUntil: 'networkidle' });
      await eventually(async () => {
        const text = await incidentsText();
        return text.includes(TICKET) && !text.includes(MAIL_INCIDENT) && !text.includes(STUCK_INCIDENT);
      }, 'no incident left in the instance\'s incidents tab');
      await page.screenshot({ path: path.join(OUT, 'mail-failure-2-resolved-in-cockpit.png'), fullPage: true });
      console.log('        screenshot target/e2e/mail-failure-2-resolved-in-cockpit.png');
    });
  } finally {
    await browser.close();
  }
}

try {
  await main();
} catch (e) {
  if (!/^timed out|HTTP|expected|names|says|sent|resolved/.test(String(e.message))) console.error(e);
} finally {
  try { await sink('POST', '/start'); } catch (_) { /* the sink is gone */ }
}
console.log(`e2e: ${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed > 0 || results.passed < 4 ? 1 : 0);
