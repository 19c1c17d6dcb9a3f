import { AppShell } from '@/components/shell/app-shell';
import { can } from '@/lib/auth/permissions';
import { requireAccess } from '@/lib/auth/session';
import { countUnreadForEmbassy } from '@/lib/notifications/embassy-queries';

export default async function AccountLayout({ children }: { children: React.ReactNode }) {
  // The password and two-step sign-in pages live here too, so a user with a pending step may open this layout.
  const actor = await requireAccess('update:account:own', { allowPendingPasswordChange: true, allowPendingSecondFactor: true });
  // Every role has an account; only an embassy's navigation carries the unread count.
  const unread = can(actor, 'read:notification:own-embassy') ? await countUnreadForEmbassy(actor) : undefined;
  return (
    <AppShell actor={actor} unread={unread}>
      {children}
    </AppShell>
  );
}
