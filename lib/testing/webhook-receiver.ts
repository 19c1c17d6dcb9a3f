import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  /** The status the receiver answered with. */
  answered: number;
}

export interface TestWebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** The next `count` requests are answered 503, as a partner system that is down. */
  failNext(count: number): void;
  close(): Promise<void>;
}

/** A partner's endpoint on 127.0.0.1: a real HTTP server that keeps every request it gets. */
export async function startTestWebhookReceiver(): Promise<TestWebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let failing = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answered = failing > 0 ? 503 : 204;
      if (failing > 0) failing--;
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), answered });
      response.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/casebridge`,
    received,
    failNext(count) {
      failing = count;
    },
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
