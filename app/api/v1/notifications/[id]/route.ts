import { apiRoute } from '@/lib/api/v1/run-operation';
import { notificationOf } from '@/lib/api/v1/views';
import { getInboxNotification } from '@/lib/notifications/embassy-queries';

export const dynamic = 'force-dynamic';

export const GET = apiRoute('getNotification', async ({ actor, params }) => ({ body: notificationOf(await getInboxNotification(actor, params.id)) }));
