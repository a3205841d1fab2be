// The escalation metrics dashboard: reads /api/metrics with the user's Camunda credentials (HTTP Basic,
// kept in this tab's sessionStorage only) and draws each figure with ECharts. window.dashboard exposes
// the charts (echarts instances: getOption() holds the rendered data) for the browser test.
'use strict';

const API = '/api/metrics';
const FIGURES = [
  { id: 'first-response', title: 'Time to first response by level (minutes)', durations: true, key: 'level' },
  { id: 'resolution', title: 'Resolution time by level (minutes)', durations: true, key: 'level' },
  { id: 'volume-by-category', title: 'Escalation volume by category', key: 'category',
    series: [{ name: 'escalations', field: 'escalations' }], x: 'key' },
  { id: 'volume-by-level', title: 'Escalation volume by opening level', key: 'level',
    series: [{ name: 'escalations', field: 'escalations' }], x: 'key' },
  { id: 'csat', title: 'Customer satisfaction (CSAT)', key: 'score',
    series: [{ name: 'escalations', field: 'escalations' }], x: 'score' },
  { id: 're-escalation', title: 'Re-escalation rate by opening level (%)', key: 'level',
    series: [{ name: 'rate %', field: 'ratePercent' }], x: 'level' },
  { id: 'sla-compliance', title: 'SLA compliance by level (%)', key: 'level',
    series: [{ name: 'response %', field: 'responsePercent' }, { name: 'resolution %', field: 'resolutionPercent' }], x: 'level' },
  { id: 'open', title: 'Open now by current level', key: 'level',
    series: [{ name: 'open', field: 'open' }, { name: 'breached', field: 'breached' }], x: 'level' },
];
const DURATION_SERIES = [
  ['avg business', 'avgBusinessMinutes'], ['median business', 'medianBusinessMinutes'], ['p90 business', 'p90BusinessMinutes'],
  ['avg wall', 'avgWallMinutes'], ['median wall', 'medianWallMinutes'], ['p90 wall', 'p90WallMinutes'],
].map(([name, field]) => ({ name, field }));
const FILTERS = ['from', 'to', 'level', 'accountTier', 'category', 'issueType'];

const $ = (id) => document.getElementById(id);
const dashboard = { charts: {}, data: {}, loaded: 0, errors: {} };
window.dashboard = dashboard;

function authHeader() { return sessionStorage.getItem('metricsAuth'); }

async function api(path) {
  const response = await fetch(path, { headers: { Authorization: authHeader(), Accept: 'application/json, text/csv' } });
  if (!response.ok) {
    let message = `${response.status}`;
    try { const body = await response.json(); message = `${response.status}: ${body.message || body.error}`; } catch (e) { /* not JSON */ }
    const error = new Error(message);
    error.status = response.status;
    throw error;
  }
  return response;
}

function query(extra = {}) {
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const value = $(name).value.trim();
    if (value) params.set(name, value);
  }
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  return params.toString();
}

function figureBox(figure) {
  const box = document.createElement('div');
  box.className = 'figure';
  box.id = `figure-${figure.id}`;
  box.innerHTML = `<h2><span>${figure.title}</span><a href="#" class="csv">CSV</a></h2>`
    + `<div class="note"></div><div class="chart"></div>`;
  $('charts').appendChild(box);
  box.querySelector('.csv').addEventListener('click', (e) => { e.preventDefault(); download(`${API}/${figure.id}.csv?${query()}`, `${figure.id}.csv`); });
  const chart = echarts.init(box.querySelector('.chart'));
  chart.on('click', (params) => drill(figure, params.name));
  dashboard.charts[figure.id] = chart;
  return box;
}

function render(figure, body) {
  const box = $(`figure-${figure.id}`);
  const chart = dashboard.charts[figure.id];
  const rows = body.rows;
  const series = figure.durations ? DURATION_SERIES : figure.series;
  const x = rows.map((row) => String(row[figure.durations ? 'level' : figure.x]));
  let note = '';
  if (figure.id === 'csat') note = `average ${body.average ?? '–'} from ${body.scored} scored; ${body.pending} pending`;
  if (figure.id === 're-escalation') note = `${body.reEscalated} of ${body.escalations} escalations re-escalated: ${body.ratePercent} %`;
  if (figure.durations) note = rows.map((r) => `${r.level}: ${r.count}`).join(' · ') || 'none in range';
  if (figure.id === 'open') note = 'now, whatever the date range';
  box.querySelector('.note').textContent = note;
  chart.setOption({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 50, right: 20, top: 50, bottom: 30 },
    xAxis: { type: 'category', data: x },
    yAxis: { type: 'value' },
    series: series.map((s) => ({ name: s.name, type: 'bar', data: rows.map((row) => row[s.field]) })),
  }, true);
}

async function loadAll() {
  $('status').textContent = 'loading…';
  dashboard.loaded = 0;
  dashboard.errors = {};
  await Promise.all(FIGURES.map(async (figure) => {
    const box = $(`figure-${figure.id}`);
    try {
      const body = await (await api(`${API}/${figure.id}?${query()}`)).json();
      box.classList.remove('refused');
      dashboard.data[figure.id] = body;
      render(figure, body);
    } catch (error) {
      dashboard.errors[figure.id] = error.status || error.message;
      box.classList.add('refused');
      box.querySelector('.note').textContent = error.status === 403 ? 'Not available to your groups.' : `Could not load: ${error.message}`;
    } finally {
      dashboard.loaded += 1;
    }
  }));
  $('status').textContent = `updated ${new Date().toLocaleTimeString()}`;
  dashboard.ready = true;
}

async function drill(figure, name) {
  const extra = { [figure.key]: name };
  const path = `${API}/${figure.id}/escalations`;
  const params = query(extra);
  $('drill').hidden = false;
  $('drillTitle').textContent = `${figure.title}: ${figure.key} ${name}`;
  $('drillRows').innerHTML = '';
  try {
    const body = await (await api(`${path}?${params}`)).json();
    dashboard.drilled = body;
    for (const ref of body.rows) {
      const tr = document.createElement('tr');
      const search = encodeURIComponent(JSON.stringify([{ type: 'processInstanceBusinessKey', operator: 'eq', value: ref.ticketId, name: '' }]));
      const link = document.createElement('a');
      link.href = `/camunda/app/tasklist/default/#/?searchQuery=${search}`;
      link.textContent = ref.ticketId;
      link.className = 'ticket';
      const cells = [link, ref.openedAtLevel, ref.accountTier, ref.category, ref.issueType, ref.escalatedAt];
      for (const cell of cells) {
        const td = document.createElement('td');
        if (cell instanceof Node) td.appendChild(cell); else td.textContent = cell ?? '';
        tr.appendChild(td);
      }
      $('drillRows').appendChild(tr);
    }
  } catch (error) {
    $('drillTitle').textContent += ` – ${error.status === 403 ? 'not available to your groups' : error.message}`;
  }
  $('drillCsv').onclick = (e) => { e.preventDefault(); download(`${path}.csv?${params}`, `${figure.id}-escalations.csv`); };
}

async function download(path, filename) {
  const blob = await (await api(path)).blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  link.click();
  URL.revokeObjectURL(link.href);
}

function showDashboard() {
  $('login').hidden = true;
  $('dashboard').hidden = false;
  $('who').textContent = sessionStorage.getItem('metricsUser') || '';
  if (!Object.keys(dashboard.charts).length) FIGURES.forEach(figureBox);
  loadAll();
}

function init() {
  const params = new URLSearchParams(location.search);
  for (const name of FILTERS) if (params.get(name)) $(name).value = params.get(name);
  $('login').addEventListener('submit', async (e) => {
    e.preventDefault();
    const user = $('username').value.trim();
    sessionStorage.setItem('metricsAuth', 'Basic ' + btoa(unescape(encodeURIComponent(`${user}:${$('password').value}`))));
    try {
      // every reader may see this figure: it checks the credentials
      await api(`${API}/volume-by-category`);
      sessionStorage.setItem('metricsUser', user);
      $('loginError').textContent = '';
      showDashboard();
    } catch (error) {
      sessionStorage.removeItem('metricsAuth');
      $('loginError').textContent = error.status === 401 ? 'Wrong user or password.'
        : error.status === 403 ? 'Your groups may not read the escalation metrics.' : `Login failed: ${error.message}`;
    }
  });
  $('filters').addEventListener('submit', (e) => { e.preventDefault(); loadAll(); });
  $('logout').addEventListener('click', () => { sessionStorage.clear(); location.reload(); });
  window.addEventListener('resize', () => Object.values(dashboard.charts).forEach((c) => c.resize()));
  if (authHeader()) showDashboard();
}

init();
