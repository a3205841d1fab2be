// Shared by the board's pages: the login (HTTP Basic with the user's Camunda credentials, kept in this tab's
// sessionStorage only, as the metrics dashboard does), calls to /api/board, and formatting.
'use strict';

const board = window.board = window.board || {};
const $ = (id) => document.getElementById(id);

board.auth = () => sessionStorage.getItem('boardAuth');

board.api = async function api(path) {
  const response = await fetch(path, { headers: { Authorization: board.auth(), Accept: 'application/json' } });
  if (!response.ok) {
    let message = `${response.status}`;
    try { const body = await response.json(); message = `${response.status}: ${body.message || body.error}`; } catch (e) { /* not JSON */ }
    const error = new Error(message);
    error.status = response.status;
    throw error;
  }
  return response.json();
};

/** An element with text (never HTML: every value from the API is set as text). */
board.el = function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null) continue;
    if (name === 'text') node.textContent = value; else node.setAttribute(name, value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
};

board.time = (iso) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '–');

board.badge = (sla) => board.el('span', { class: `sla sla-${sla.state}`, 'data-state': sla.state, title: sla.reason, text: sla.label });

/** Shows the login until the credentials work, then calls start(); logout clears them. */
board.login = function login(start, probe) {
  const show = (loggedIn) => {
    $('login').hidden = loggedIn;
    $('content').hidden = !loggedIn;
    $('who').textContent = loggedIn ? sessionStorage.getItem('boardUser') || '' : '';
    $('logout').hidden = !loggedIn;
  };
  $('login').addEventListener('submit', async (e) => {
    e.preventDefault();
    const user = $('username').value.trim();
    sessionStorage.setItem('boardAuth', 'Basic ' + btoa(unescape(encodeURIComponent(`${user}:${$('password').value}`))));
    try {
      await board.api(probe);
      sessionStorage.setItem('boardUser', user);
      $('loginError').textContent = '';
      show(true);
      start();
    } catch (error) {
      sessionStorage.removeItem('boardAuth');
      $('loginError').textContent = error.status === 401 ? 'Wrong user or password.'
        : error.status === 403 ? 'This login may not read the board.' : `Login failed: ${error.message}`;
    }
  });
  $('logout').addEventListener('click', () => { sessionStorage.removeItem('boardAuth'); sessionStorage.removeItem('boardUser'); location.reload(); });
  if (board.auth()) { show(true); start(); } else { show(false); }
};

/** Calls load() now and again every refreshSeconds the API asks for (the pages refresh themselves). */
board.poll = function poll(load) {
  const again = async () => {
    let seconds = 10;
    try { seconds = (await load()) || seconds; } catch (error) {
      $('status').textContent = error.status === 401 ? 'Logged out: log in again.' : `Could not refresh: ${error.message}`;
    }
    board.timer = setTimeout(again, seconds * 1000);
  };
  again();
};
