import { apiRoute } from '@/lib/api/v1/run-operation';
import { nextPageLink, notificationOf } from '@/lib/api/v1/views';
import { listNotificationChanges } from '@/lib/notifications/embassy-queries';

export const dynamic = 'force-dynamic';

export const GET = apiRoute('listNotifications', async ({ request, actor, query }) => {
  const page = await listNotificationChanges(actor, {
    state: query.state,
    reason: query.reason,
    province: query.province,
    crimeType: query.crime_type,
    status: query.case_status,
    from: query.from,
    to: query.to,
    updatedSince: query.updated_since ? new Date(query.updated_since) : undefined,
    cursor: query.cursor,
    limit: query.limit,
  });
  return { body: { items: page.items.map(notificationOf), nextCursor: page.nextCursor }, headers: nextPageLink(request, page.nextCursor) };
});
