'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** Marks the current page; a section link (not `exact`) stays current on its sub-pages, except ones with their own link. */
export function NavLink({ href, exact = false, children }: { href: string; exact?: boolean; children: React.ReactNode }) {
  const pathname = usePathname();
  const isCurrent = pathname === href || (!exact && pathname.startsWith(`${href}/`) && pathname !== `${href}/new`);
  return (
    <Link
      href={href}
      aria-current={isCurrent ? 'page' : undefined}
      className={`inline-block border-b-2 px-3 py-2 text-sm font-medium ${
        isCurrent ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900'
      }`}
    >
      {children}
    </Link>
  );
}
