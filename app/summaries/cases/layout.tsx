import { requireAccess } from '@/lib/auth/session';

/**
 * The national case list is the ministry's alone, though governors share the summaries area. The check sits
 * here as well as in the page because the page renders inside loading.tsx's Suspense boundary: by the time it
 * ran, the 200 status was already sent, so a governor got "not found" content with a 200. From a layout the
 * refusal is a real 404 (found by e2e/access-matrix.spec.ts).
 */
export default async function NationalCaseListLayout({ children }: { children: React.ReactNode }) {
  await requireAccess('read:case:all-provinces');
  return children;
}
