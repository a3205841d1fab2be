// Real-browser check of the escalation metrics dashboard (/dashboard): the charts show the figures of
// /api/metrics, including a known set of escalations this script opens and works through.
//
// Usage: node e2e/metrics-dashboard.mjs     (BASE_URL defaults to http://localhost:8099; see e2e/run.sh)
// Needs a running app, Debian's /usr/bin/chromium and playwright-core.
//
// 1. Reads the API's figures for today's range as lee.lead (the baseline: other checks may have opened
//    escalations before). 2. Opens three escalations through /api/escalations as sam.support and works them
//    through the engine REST API as the demo users: X1 L1 bug fix, resolved and closed with CSAT 5; X2 L2
//    feature, acknowledged; X3 L2 Enterprise integration problem (configuration), not acknowledged.
// 3. In Chromium, logs in to the dashboard as lee.lead and reads every chart's rendered data (ECharts
//    getOption()): it equals the API's figures, and the known escalations moved them by exactly what they are.
//    Clicks the BUG bar and finds X1 among the escalations behind it. Filters by tier. 4. Logs in as
//    paula.product (product team): only the volume by category is drawn, the rest is refused.
// Screenshots: target/e2e/metrics-*.png. Prints "e2e: N passed, M failed" last; exits 1 on any failure.

import fs from 'node:fs';
import path from 'node:path';
import {
  ADMIN_PASSWORD, BASE_URL, CHROMIUM, OUT, PASSWORD, REPO, assert, assertEqual, basic, call, check, eventually, checkStayedInApp, launchBrowser, results, runChecks, useHarness,
} from './harness.mjs';

const FIGURES = ['first-response', 'resolution', 'volume-by-category', 'volume-by-level', 'csat', 're-escalation',
  'sla-compliance', 'open'];
const RUN = `${Date.now() % 1e7}`;

let page;






// ------------------------------------------------------------------ the known escalations

function escalation(ticketId, issueType, accountTier, flags = {}) {
  return {
    ticketId, customerName: 'Initech', accountTier, reportedBy: 'peter@initech.example', reportedDate: '2026-11-20',
    issueType, issueSummary: 'Report export fails', problemDescription: 'The monthly export stops at 90 %.',
    usersAffected: 5, businessImpact: 'Monthly reporting is late', urgency: 'MEDIUM',
    initialDiagnosis: 'Timeout in the export job', priorityJustification: 'Finance needs it', ...flags,
  };
}

async function taskOf(ticketId, key) {
  const [instance] = await call('admin', 'GET', `/engine-rest/process-instance?businessKey=${ticketId}`);
  return eventually(async () => (await call('admin', 'GET', `/engine-rest/task?processInstanceId=${instance.id}&taskDefinitionKey=${key}`))[0],
    `${key} of ${ticketId}`);
}

async function complete(ticketId, key, user, values) {
  const task = await taskOf(ticketId, key);
  await call(user, 'POST', `/engine-rest/task/${task.id}/claim`, { userId: user });
  const variables = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v }]));
  await call(user, 'POST', `/engine-rest/task/${task.id}/submit-form`, { variables });
}

const PRE_CHECKS = ['preCheckTroubleshooting', 'preCheckKnowledgeBase', 'preCheckReproduced', 'preCheckTechnicalDetails',
  'preCheckStepsDocumented', 'preCheckExistingReports', 'preCheckImpactAssessed'];
const POST_CHECKS = ['postCheckFixVerified', 'postCheckKnowledgeBaseUpdated', 'postCheckRootCauseDocumented',
  'postCheckFeedbackGathered', 'postCheckTicketClosed', 'postCheckLearningsShared'];
const all = (names) => Object.fromEntries(names.map((n) => [n, true]));

async function openAt(ticketId, level, issueType, tier, flags) {
  await call('sam.support', 'POST', '/api/escalations', escalation(ticketId, issueType, tier, flags));
  await complete(ticketId, 'Task_ReviewEscalationLevel', 'sam.support', {
    priority: 'MEDIUM', duringCheckTemplateComplete: true, duringCheckPrioritySet: true,
    levelOverride: level, levelOverrideReason: 'The level the dashboard check needs',
  });
  if (level !== 'L1') await complete(ticketId, 'Task_CompletePreEscalationChecklist', 'sam.support', all(PRE_CHECKS));
}

// ------------------------------------------------------------------ figures

const api = (user, figure, query = '') => call(user, 'GET', `/api/metrics/${figure}${query ? `?${query}` : ''}`);

/** What a chart shows: its categories and each series' values, as the dashboard draws them from the rows. */
async function chartData(figure) {
  return page.evaluate((id) => {
    const option = window.dashboard.charts[id].getOption();
    return { x: option.xAxis[0].data, series: option.series.map((s) => ({ name: s.name, data: s.data })) };
  }, figure);
}

function rowsByKey(body, key, field) {
  return Object.fromEntries(body.rows.map((r) => [String(r[key]), r[field]]));
}

async function loginInBrowser(user) {
  await page.goto(`${BASE_URL}/dashboard`);
  await page.evaluate(() => sessionStorage.clear());
  await page.goto(`${BASE_URL}/dashboard`);
  await page.fill('#username', user);
  await page.fill('#password', PASSWORD);
  await page.click('#loginButton');
  await page.waitForFunction((n) => window.dashboard && window.dashboard.ready && window.dashboard.loaded === n, FIGURES.length);
}

async function main() {
  useHarness({ prefix: 'metrics' });
  fs.mkdirSync(OUT, { recursive: true });
  const X1 = `TICKET-${RUN}1`;
  const X2 = `TICKET-${RUN}2`;
  const X3 = `TICKET-${RUN}3`;
  let before;

  await check('baseline figures from the API as lee.lead', async () => {
    before = {
      category: rowsByKey(await api('lee.lead', 'volume-by-category'), 'key', 'escalations'),
      level: rowsByKey(await api('lee.lead', 'volume-by-level'), 'key', 'escalations'),
      csat: rowsByKey(await api('lee.lead', 'csat'), 'score', 'escalations'),
      open: rowsByKey(await api('lee.lead', 'open'), 'level', 'open'),
      enterprise: rowsByKey(await api('lee.lead', 'volume-by-category', 'accountTier=ENTERPRISE'), 'key', 'escalations'),
    };
  });

  await check('three known escalations opened and worked through by the demo users', async () => {
    await openAt(X1, 'L1', 'HOW_TO_QUESTION', 'FREE', { actionBugFix: true });
    await complete(X1, 'Task_AcknowledgeEscalation', 'sam.support', { initialAssessment: 'Known answer' });
    await complete(X1, 'Task_ResolveEscalation', 'sam.support', {
      levelOutcome: 'RESOLVED', rootCause: 'Missing documentation', resolutionSummary: 'Explained the setting',
    });
    await complete(X1, 'Task_CompleteAfterResolutionChecklist', 'sam.support', {
      ...all(POST_CHECKS), rootCause: 'Missing documentation', resolutionSummary: 'Explained the setting', csatScore: 5,
    });
    await openAt(X2, 'L2', 'CONFIRMED_BUG', 'PRO', { actionFeatureEnhancement: true });
    await complete(X2, 'Task_AcknowledgeEscalation', 'erin.engineer', { initialAssessment: 'Reproduced' });
    await openAt(X3, 'L2', 'INTEGRATION_PROBLEM', 'ENTERPRISE', {});
  });

  const browser = await launchBrowser({ name: 'metrics', viewport: { width: 1400, height: 1800 }, timeoutMs: 15000, appOnly: true });
  ({ page } = browser);

  try {
    await check('lee.lead logs in to the dashboard; every chart is drawn', async () => {
      await loginInBrowser('lee.lead');
      const errors = await page.evaluate(() => window.dashboard.errors);
      assertEqual(errors, {}, 'figures that failed to load');
      await page.screenshot({ path: path.join(OUT, 'metrics-01-lead.png'), fullPage: true });
    });

    await check('each chart shows the API\'s figure', async () => {
      for (const figure of FIGURES) {
        const body = await api('lee.lead', figure);
        const chart = await chartData(figure);
        const keyField = figure === 'csat' ? 'score' : figure.startsWith('volume') ? 'key' : 'level';
        assertEqual(chart.x, body.rows.map((r) => String(r[keyField])), `${figure} bars`);
        const fields = {
          'first-response': ['avgBusinessMinutes', 'medianBusinessMinutes', 'p90BusinessMinutes', 'avgWallMinutes', 'medianWallMinutes', 'p90WallMinutes'],
          resolution: ['avgBusinessMinutes', 'medianBusinessMinutes', 'p90BusinessMinutes', 'avgWallMinutes', 'medianWallMinutes', 'p90WallMinutes'],
          'volume-by-category': ['escalations'], 'volume-by-level': ['escalations'], csat: ['escalations'],
          're-escalation': ['ratePercent'], 'sla-compliance': ['responsePercent', 'resolutionPercent'], open: ['open', 'breached'],
        }[figure];
        fields.forEach((field, i) => assertEqual(chart.series[i].data, body.rows.map((r) => r[field]), `${figure} ${field}`));
      }
    });

    await check('the known escalations moved the charts by exactly what they are', async () => {
      const category = await chartData('volume-by-category');
      const byCategory = Object.fromEntries(category.x.map((k, i) => [k, category.series[0].data[i]]));
      const plus = (base, key, n) => (base[key] || 0) + n;
      assertEqual(byCategory.BUG, plus(before.category, 'BUG', 1), 'BUG volume');
      assertEqual(byCategory.FEATURE, plus(before.category, 'FEATURE', 1), 'FEATURE volume');
      assertEqual(byCategory.CONFIGURATION, plus(before.category, 'CONFIGURATION', 1), 'CONFIGURATION volume');
      assertEqual(byCategory.DOCUMENTATION, plus(before.category, 'DOCUMENTATION', 0), 'DOCUMENTATION volume');
      const level = await chartData('volume-by-level');
      const byLevel = Object.fromEntries(level.x.map((k, i) => [k, level.series[0].data[i]]));
      assertEqual(byLevel.L1, plus(before.level, 'L1', 1), 'L1 volume');
      assertEqual(byLevel.L2, plus(before.level, 'L2', 2), 'L2 volume');
      const csat = await chartData('csat');
      assertEqual(csat.series[0].data[4], plus(before.csat, '5', 1), 'CSAT 5 count');
      const open = await chartData('open');
      const openByLevel = Object.fromEntries(open.x.map((k, i) => [k, open.series[0].data[i]]));
      assertEqual(openByLevel.L2, plus(before.open, 'L2', 2), 'open at L2');
      const firstResponse = await chartData('first-response');
      assert(firstResponse.x.includes('L1') && firstResponse.x.includes('L2'), `first responses at L1 and L2: ${firstResponse.x}`);
    });

    await check('clicking the BUG bar lists the escalations behind it, X1 among them', async () => {
      // a click while the charts still animate their bars up can land above the growing bar and miss it (seen once in
      // CI: the tooltip showed, no drill-down): clicked again, as a person would
      await eventually(async () => {
        const point = await page.evaluate(() => {
          const chart = window.dashboard.charts['volume-by-category'];
          const option = chart.getOption();
          const i = option.xAxis[0].data.indexOf('BUG');
          const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, [i, option.series[0].data[i] / 2]);
          const box = chart.getDom().getBoundingClientRect();
          return { x: box.left + x, y: box.top + y };
        });
        await page.mouse.click(point.x, point.y);
        return page.waitForSelector('#drill:not([hidden]) a.ticket', { timeout: 5000 }).then(() => true, () => false);
      }, 'the escalations behind the BUG bar', 30000);
      const tickets = await page.$$eval('#drillRows a.ticket', (links) => links.map((a) => a.textContent));
      assert(tickets.includes(X1), `${X1} behind the BUG bar: ${tickets}`);
      assert(!tickets.includes(X2) && !tickets.includes(X3), `only bugs behind the BUG bar: ${tickets}`);
      const href = await page.$eval('#drillRows a.ticket', (a) => a.getAttribute('href'));
      assert(href.startsWith('/camunda/app/tasklist/') && href.includes('processInstanceBusinessKey'), `link to Tasklist: ${href}`);
      await page.screenshot({ path: path.join(OUT, 'metrics-02-drill.png'), fullPage: true });
    });

    await check('the tier filter in the page redraws the charts', async () => {
      await page.fill('#accountTier', 'ENTERPRISE');
      await page.evaluate(() => { window.dashboard.ready = false; });
      await page.click('#apply');
      await page.waitForFunction((n) => window.dashboard.ready && window.dashboard.loaded === n, FIGURES.length);
      const category = await chartData('volume-by-category');
      const byCategory = Object.fromEntries(category.x.map((k, i) => [k, category.series[0].data[i]]));
      assertEqual(byCategory.CONFIGURATION, (before.enterprise.CONFIGURATION || 0) + 1, 'Enterprise configuration volume');
      assertEqual(byCategory.BUG, before.enterprise.BUG || 0, 'Enterprise bug volume');
    });

    await check('paula.product (product team) sees the volume by category only', async () => {
      await loginInBrowser('paula.product');
      const errors = await page.evaluate(() => window.dashboard.errors);
      assertEqual(Object.keys(errors).sort(), FIGURES.filter((f) => f !== 'volume-by-category').sort(), 'refused figures');
      assert(Object.values(errors).every((status) => status === 403), `refused with 403: ${JSON.stringify(errors)}`);
      const category = await chartData('volume-by-category');
      assertEqual(category.x, ['BUG', 'FEATURE', 'CONFIGURATION', 'DOCUMENTATION', 'OTHER'], 'categories');
      const refused = await page.$eval('#figure-csat .note', (n) => n.textContent);
      assert(refused.includes('Not available'), `the CSAT chart says why it is empty: ${refused}`);
      await page.screenshot({ path: path.join(OUT, 'metrics-03-product-team.png'), fullPage: true });
    });

    await checkStayedInApp(browser);
  } finally {
    await browser.close();
  }
}

await runChecks(main);
