import { z } from 'zod';
import { getDatabaseHandle } from '@/db/client';
import { embassyChannel } from '@/lib/notifications/live';
import { listMissionOrganisationIds } from '@/lib/notifications/mission-scope';
import { runRoute } from '@/lib/run-action';

export const dynamic = 'force-dynamic';

const heartbeatMs = 25_000;

/**
 * Server-sent events for an embassy's inbox: one `change` event whenever a transaction announced a change to
 * this embassy's notifications. Works on both databases: PostgreSQL LISTEN/NOTIFY on the server, and PGlite's
 * in-process LISTEN on the embedded one. Only the ids of the embassy's own organisation and of its posts
 * (decision 021) are ever matched, and no data is sent.
 */
export async function GET(request: Request) {
  return runRoute(request, z.object({}), async (actor) => changeStream(request, new Set(await listMissionOrganisationIds(actor))), {
    permission: 'read:notification:own-embassy',
  });
}

function changeStream(request: Request, missionOrganisationIds: ReadonlySet<string>): Response {
  const encoder = new TextEncoder();
  let stop = async () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          void stop();
        }
      };
      const unlisten = await getDatabaseHandle().listen(embassyChannel, (payload) => {
        if (missionOrganisationIds.has(payload)) send('event: change\ndata: {}\n\n');
      });
      const heartbeat = setInterval(() => send(': keep-alive\n\n'), heartbeatMs);
      stop = async () => {
        clearInterval(heartbeat);
        await unlisten();
      };
      request.signal.addEventListener('abort', () => {
        void stop();
        try {
          controller.close();
        } catch {
          // Already closed by the client.
        }
      });
      send('retry: 3000\n\n');
    },
    cancel() {
      return stop();
    },
  });
  return new Response(stream, {
    headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive' },
  });
}
