import { apiRoute } from '@/lib/api/v1/run-operation';
import { acknowledgeNotification } from '@/lib/notifications/commands';

export const dynamic = 'force-dynamic';

export const POST = apiRoute('acknowledgeNotification', async ({ actor, params, body }) => ({
  body: await acknowledgeNotification(actor, { notificationId: params.id, note: body.note }),
}));
