import { AppShell } from '@/components/shell/app-shell';
import { requireAccess } from '@/lib/auth/session';

export default async function AccountLayout({ children }: { children: React.ReactNode }) {
  // The password and two-step sign-in pages live here too, so a user with a pending step may open this layout.
  const actor = await requireAccess('update:account:own', { allowPendingPasswordChange: true, allowPendingSecondFactor: true });
  return <AppShell actor={actor}>{children}</AppShell>;
}
