import { apiRoute } from '@/lib/api/v1/run-operation';
import { getInboxNotification } from '@/lib/notifications/embassy-queries';

export const dynamic = 'force-dynamic';

export const GET = apiRoute('getNotification', async ({ actor, params }) => ({ body: await getInboxNotification(actor, params.id) }));
