import { AppShell } from '@/components/shell/app-shell';
import { requireAccess } from '@/lib/auth/session';

export default async function AccountLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireAccess('update:account:own');
  return <AppShell actor={actor}>{children}</AppShell>;
}
