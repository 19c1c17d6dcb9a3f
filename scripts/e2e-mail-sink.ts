// The browser journeys' mail server: a real SMTP server on 127.0.0.1 (lib/testing/smtp-server.ts) that the app
// under test sends to (playwright.config.ts sets SMTP_URL), and a small HTTP reader of what it received, which the
// journeys poll (e2e/fixtures/mail-sink.ts). Started and stopped by Playwright as one of its web servers.
import http from 'node:http';
import { startTestSmtpServer } from '@/lib/testing/smtp-server';

const smtpPort = Number(process.env.E2E_SMTP_PORT);
const httpPort = Number(process.env.E2E_MAIL_SINK_PORT);
if (!Number.isInteger(smtpPort) || !Number.isInteger(httpPort)) throw new Error('E2E_SMTP_PORT and E2E_MAIL_SINK_PORT must be set');

const smtp = await startTestSmtpServer({ port: smtpPort });

/** What a journey may read of a message: who it was for, its subject, text and links — all the app put in it. */
function messagesFor(recipient: string | null) {
  return smtp.received
    .filter((mail) => !recipient || mail.envelopeTo.some((address) => address.toLowerCase() === recipient.toLowerCase()))
    .map((mail) => ({ to: mail.envelopeTo, subject: mail.parsed.subject ?? '', text: mail.parsed.text ?? '', html: typeof mail.parsed.html === 'string' ? mail.parsed.html : '' }));
}

const server = http.createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname === '/health') {
    response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    return;
  }
  if (url.pathname === '/messages') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(messagesFor(url.searchParams.get('to'))));
    return;
  }
  response.writeHead(404).end();
});
server.listen(httpPort, '127.0.0.1');

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close();
    void smtp.close().finally(() => process.exit(0));
  });
}
