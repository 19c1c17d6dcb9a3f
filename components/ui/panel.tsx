import type { ReactNode } from 'react';

/**
 * A white card with its own heading, named by it for screen readers (a landmark region). `headingClassName`
 * adds spacing under the heading where the content does not bring its own.
 */
export function Panel({ id, title, headingClassName, children }: { id: string; title: ReactNode; headingClassName?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-6">
      <h2 id={id} className={headingClassName ? `${headingClassName} text-lg font-semibold` : 'text-lg font-semibold'}>
        {title}
      </h2>
      {children}
    </section>
  );
}
