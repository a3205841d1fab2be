// The escalation tracking board: every open escalation the user may read, grouped by level, with its SLA state
// by colour and by text; a search over open and closed escalations. Reads /api/board again every refreshSeconds.
// window.board.data holds the last board read (for the browser test).
'use strict';

const STATUS = { OPEN: 'open', WAITING_FOR_CUSTOMER: 'waiting for the customer', RESOLVED: 'resolved', CLOSED: 'closed' };

function entryRow(e) {
  const { el } = board;
  const links = el('td', { class: 'links' });
  if (e.links.tasklist) links.append(el('a', { href: e.links.tasklist, class: 'tasklist', text: 'Tasklist' }), ' ');
  links.append(el('a', { href: e.links.cockpit, class: 'cockpit', text: 'Cockpit' }));
  const sla = el('td', {}, board.badge(e.sla), el('div', { class: 'due', text: e.sla.dueAt ? `due ${board.time(e.sla.dueAt)}` : '' }));
  return el('tr', { 'data-ticket': e.ticketId, class: `row-${e.sla.state}` },
    el('td', {}, el('a', { href: e.links.page, class: 'ticket', text: e.ticketId }), el('div', { class: 'summary', text: e.summary })),
    el('td', { class: 'customer', text: e.customer }),
    el('td', { class: 'tier', text: e.accountTier }),
    sla,
    el('td', { class: 'status', text: STATUS[e.status] || e.status }),
    el('td', { class: 'groups', text: e.handlerGroups.join(', ') || '–' }),
    el('td', { class: 'assignee', text: e.assignees.join(', ') || 'unassigned' }),
    el('td', { class: 'update', text: board.time(e.nextCustomerUpdateDue) }),
    links);
}

function render(data) {
  const { el } = board;
  const levels = $('levels');
  levels.replaceChildren();
  for (const group of data.levels) {
    const counts = {};
    for (const e of group.escalations) counts[e.sla.state] = (counts[e.sla.state] || 0) + 1;
    const section = el('section', { class: 'level panel', 'data-level': group.level || '' },
      el('h2', { text: `${group.level ? `${group.level} · ` : ''}${group.title} (${group.escalations.length})` }));
    if (!group.escalations.length) {
      section.append(el('p', { class: 'none', text: 'No open escalations.' }));
    } else {
      section.append(el('table', {},
        el('thead', {}, el('tr', {}, ...['Ticket', 'Customer', 'Tier', 'SLA', 'Status', 'Handler group', 'Assignee',
          'Next customer update', ''].map((h) => el('th', { text: h })))),
        el('tbody', {}, ...group.escalations.map(entryRow))));
    }
    levels.append(section);
  }
  $('status').textContent = `${data.open} open · updated ${new Date().toLocaleTimeString()}`;
}

async function load() {
  const data = await board.api('/api/board');
  board.data = data;
  board.loads = (board.loads || 0) + 1;
  render(data);
  return data.refreshSeconds;
}

async function search(q) {
  const { el } = board;
  $('results').hidden = false;
  $('resultRows').replaceChildren();
  try {
    const found = await board.api(`/api/board/search?q=${encodeURIComponent(q)}`);
    board.found = found;
    $('resultsNote').textContent = found.escalations.length
      ? `${found.escalations.length} escalation(s)${found.more ? ', the newest; refine the search for older ones' : ''}` : 'Nothing found.';
    for (const f of found.escalations) {
      $('resultRows').append(el('tr', { 'data-ticket': f.ticketId },
        el('td', {}, el('a', { href: f.links.page, class: 'ticket', text: f.ticketId })),
        el('td', { text: f.customer }), el('td', { text: f.accountTier }), el('td', { text: f.level || '–' }),
        el('td', { class: 'status', text: STATUS[f.status] || f.status }),
        el('td', { text: board.time(f.openedAt) }), el('td', { text: board.time(f.closedAt) }),
        el('td', {}, el('a', { href: f.links.cockpit, class: 'cockpit', text: 'Cockpit' }))));
    }
  } catch (error) {
    board.found = null;
    $('resultsNote').textContent = error.status === 400 ? error.message.replace(/^400: /, '') : `Search failed: ${error.message}`;
  }
}

$('searchForm').addEventListener('submit', (e) => { e.preventDefault(); search($('q').value.trim()); });
board.login(() => board.poll(load), '/api/board');
