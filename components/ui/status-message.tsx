/**
 * A success message in a live region that is on the page before the message is: screen readers announce a
 * change to a region they know, and may miss one that arrives with its content.
 */
export function StatusMessage({ message }: { message: string | null }) {
  return (
    <div role="status" aria-live="polite">
      {message && <p className="rounded-md border border-green-300 bg-green-50 px-4 py-3 font-semibold text-green-900">{message}</p>}
    </div>
  );
}
