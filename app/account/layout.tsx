import { AppShell } from '@/components/shell/app-shell';
import { requireAccess } from '@/lib/auth/session';

export default async function AccountLayout({ children }: { children: React.ReactNode }) {
  // The password page lives here too, so a user holding a one-time password may open this layout.
  const actor = await requireAccess('update:account:own', { allowPendingPasswordChange: true });
  return <AppShell actor={actor}>{children}</AppShell>;
}
