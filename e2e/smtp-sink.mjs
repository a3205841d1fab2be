// An SMTP server for the browser checks, which e2e/run.sh starts before the app and the checks control: the
// app sends its mails here (spring.mail.port), and a check stops and starts it to make a mail fail and then
// go out (e2e/mail-failure.mjs). Loopback only.
//
//   SMTP_SINK_PORT (default 28099): SMTP;  SMTP_SINK_CONTROL_PORT (default 29099): HTTP control, loopback:
//     POST /stop   the SMTP port refuses connections from now on (as a mail server that is down)
//     POST /start  it accepts them again
//     GET  /mails  [{from, to, subject, receivedAt}] of every mail received, oldest first
//     GET  /state  {"running": true|false, "mails": n}
import http from 'node:http';
import { SMTPServer } from 'smtp-server';

const SMTP_PORT = Number(process.env.SMTP_SINK_PORT || 28099);
const CONTROL_PORT = Number(process.env.SMTP_SINK_CONTROL_PORT || 29099);
const HOST = '127.0.0.1';
const mails = [];
let smtp = null;

/** The value of a header in a raw message (unfolded), or ''. */
function header(raw, name) {
  const head = raw.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : '';
}

function startSmtp() {
  if (smtp) return Promise.resolve();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      const chunks = [];
      stream.on('data', (c) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({ from: session.envelope.mailFrom && session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address), subject: header(raw, 'Subject'),
          receivedAt: new Date().toISOString() });
        console.log(`smtp-sink: received "${header(raw, 'Subject')}" for ${session.envelope.rcptTo.map((r) => r.address).join(', ')}`);
        done();
      });
    },
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(SMTP_PORT, HOST, () => { smtp = server; console.log(`smtp-sink: SMTP on ${HOST}:${SMTP_PORT}`); resolve(); });
  });
}

function stopSmtp() {
  if (!smtp) return Promise.resolve();
  const server = smtp;
  smtp = null;
  // close() stops accepting at once; connections under way end by themselves (the app opens one per mail)
  return new Promise((resolve) => { server.close(() => resolve()); setTimeout(resolve, 2000); })
    .then(() => console.log('smtp-sink: SMTP stopped'));
}

const control = http.createServer(async (req, res) => {
  const reply = (status, body) => { res.writeHead(status, { 'Content-Type': 'application/json' }); res.end(JSON.stringify(body)); };
  try {
    if (req.method === 'POST' && req.url === '/stop') { await stopSmtp(); return reply(200, { running: false }); }
    if (req.method === 'POST' && req.url === '/start') { await startSmtp(); return reply(200, { running: true }); }
    if (req.method === 'GET' && req.url === '/mails') return reply(200, mails);
    if (req.method === 'GET' && req.url === '/state') return reply(200, { running: smtp !== null, mails: mails.length });
    return reply(404, { error: `no ${req.method} ${req.url}` });
  } catch (e) {
    return reply(500, { error: String(e.message || e) });
  }
});

await startSmtp();
control.listen(CONTROL_PORT, HOST, () => console.log(`smtp-sink: control on http://${HOST}:${CONTROL_PORT}`));
const quit = () => { control.close(); stopSmtp().then(() => process.exit(0)); };
process.on('SIGTERM', quit);
process.on('SIGINT', quit);
