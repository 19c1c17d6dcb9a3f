import { AppShell } from '@/components/shell/app-shell';
import { requireAccess } from '@/lib/auth/session';

export default async function OrganisationLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireAccess('view:area:organisation');
  return <AppShell actor={actor}>{children}</AppShell>;
}
