// One escalation's page: what it is, its SLA state while open, and its timeline (level changes with who and why,
// first responses, warnings, breaches, pauses, customer updates, every mail with its state and body).
// Reads /api/board/escalations/{ticket} again every refreshSeconds; window.board.page holds the last read.
'use strict';

const ticket = new URLSearchParams(location.search).get('ticket') || '';
const STATUS = { OPEN: 'open', WAITING_FOR_CUSTOMER: 'waiting for the customer', RESOLVED: 'resolved', CLOSED: 'closed' };

function fact(name, value) {
  const { el } = board;
  return [el('dt', { text: name }), el('dd', {}, value instanceof Node ? value : (value ?? '–'))];
}

function mailBox(mail) {
  const { el } = board;
  const details = el('details', { class: 'mail', 'data-mail': String(mail.id) },
    el('summary', {}, el('span', { class: `mail-state mail-${mail.state}`, 'data-state': mail.state, text: mail.state.toLowerCase() }),
      ' ', el('span', { class: 'subject', text: mail.subject })),
    el('div', { class: 'recipients', text: `To: ${mail.recipients.join(', ')}` }),
    el('div', { class: 'meta', text: `${mail.kind} · ${mail.attempts} attempt(s)${mail.sentAt ? ` · sent ${board.time(mail.sentAt)}` : ''}` }));
  if (mail.lastError) details.append(el('div', { class: 'error', text: `Last error: ${mail.lastError}` }));
  details.append(el('pre', { class: 'body', text: mail.body }));
  return details;
}

function render(p) {
  const { el } = board;
  document.title = `${p.ticketId} – Escalation board`;
  $('ticket').textContent = p.ticketId;
  $('title').textContent = `${p.ticketId} · ${p.customer || ''} · ${p.level || 'level not reviewed'}`;
  const facts = [
    ...fact('Summary', p.summary), ...fact('Customer', p.customer), ...fact('Tier', p.accountTier),
    ...fact('Level', p.level ? `${p.level} ${p.levelTitle || ''}` : null), ...fact('Status', STATUS[p.status] || p.status),
    ...fact('Opened', board.time(p.openedAt)), ...fact('Closed', p.closedAt ? board.time(p.closedAt) : null),
  ];
  if (p.open) {
    facts.push(...fact('SLA', el('span', {}, board.badge(p.open.sla), ' ', el('span', { class: 'reason', text: p.open.sla.reason }))),
      ...fact('Handler group', p.open.handlerGroups.join(', ')), ...fact('Assignee', p.open.assignees.join(', ') || 'unassigned'),
      ...fact('Next customer update', board.time(p.open.nextCustomerUpdateDue)));
  }
  $('facts').replaceChildren(...facts);
  const links = [];
  if (p.links.tasklist) links.push(el('a', { href: p.links.tasklist, class: 'tasklist', text: 'Task in Tasklist' }), ' · ');
  links.push(el('a', { href: p.links.cockpit, class: 'cockpit', text: 'Instance in Cockpit' }));
  $('links').replaceChildren(...links);
  const mails = Object.fromEntries(p.mails.map((m) => [m.id, m]));
  // keep opened mails open across refreshes
  const opened = new Set([...document.querySelectorAll('details.mail[open]')].map((d) => d.dataset.mail));
  $('timeline').replaceChildren(...p.timeline.map((item) => {
    const li = el('li', { class: `item kind-${item.kind}`, 'data-kind': item.kind },
      el('time', { datetime: item.at, text: board.time(item.at) }), ' ',
      el('strong', { class: 'title', text: item.title }),
      item.level && item.kind !== 'MAIL' ? el('span', { class: 'level', text: ` [${item.level}]` }) : null,
      item.by ? el('span', { class: 'by', text: ` by ${item.by}` }) : null,
      item.detail && item.kind !== 'MAIL' ? el('div', { class: 'detail', text: item.detail }) : null);
    if (item.mailId !== null && mails[item.mailId]) {
      const box = mailBox(mails[item.mailId]);
      if (opened.has(String(item.mailId))) box.open = true;
      li.append(box);
    }
    return li;
  }));
  $('status').textContent = `updated ${new Date().toLocaleTimeString()}`;
}

async function load() {
  const p = await board.api(`/api/board/escalations/${encodeURIComponent(ticket)}`);
  board.page = p;
  board.loads = (board.loads || 0) + 1;
  render(p);
  return p.open ? 10 : 30; // a closed escalation changes rarely
}

board.login(() => board.poll(async () => {
  try {
    return await load();
  } catch (error) {
    if (error.status === 403) $('title').textContent = `${ticket}: your groups may not read this escalation.`;
    if (error.status === 404) $('title').textContent = `${ticket}: there is no escalation for this ticket.`;
    throw error;
  }
}), '/api/board');
