import { useId } from 'react';

/** An alert with its own accessible name, so it can be told apart from Next's route announcer. */
export function Alert({ title, children, tone = 'error' }: { title: string; children?: React.ReactNode; tone?: 'error' | 'success' }) {
  const titleId = useId();
  const styles = tone === 'error' ? 'border-red-300 bg-red-50 text-red-900' : 'border-green-300 bg-green-50 text-green-900';
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} aria-labelledby={titleId} className={`rounded-md border px-4 py-3 ${styles}`}>
      <p id={titleId} className="font-semibold">
        {title}
      </p>
      {children && <div className="mt-1 text-sm">{children}</div>}
    </div>
  );
}
