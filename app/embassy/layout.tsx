import { AppShell } from '@/components/shell/app-shell';
import { requireAccess } from '@/lib/auth/session';
import { countUnreadForEmbassy } from '@/lib/notifications/embassy-queries';

export default async function EmbassyLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireAccess('view:area:embassy');
  const unread = await countUnreadForEmbassy(actor);
  return (
    <AppShell actor={actor} unread={unread}>
      {children}
    </AppShell>
  );
}
