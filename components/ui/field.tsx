import { useId } from 'react';

export interface FieldProps {
  label: string;
  /** An already translated message; when present the control is marked invalid and described by it. */
  error?: string;
  hint?: string;
  id?: string;
  className?: string;
}

/** The ids and ARIA attributes that tie a form control to its label, hint and error. */
export function useFieldIds({ id, hint, error }: Pick<FieldProps, 'id' | 'hint' | 'error'>) {
  const generatedId = useId();
  const controlId = id ?? generatedId;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  return {
    controlId,
    hintId,
    errorId,
    controlProps: {
      id: controlId,
      'aria-invalid': error ? (true as const) : undefined,
      'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
    },
  };
}

export const controlClassName = (error: string | undefined) =>
  `mt-1 block w-full rounded-md border bg-white px-3 py-2 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/40 ${
    error ? 'border-red-600' : 'border-slate-300'
  }`;

/** Label above, hint under the label, error under the control. */
export function FieldFrame({
  label,
  hint,
  error,
  className,
  controlId,
  hintId,
  errorId,
  children,
}: FieldProps & { controlId: string; hintId?: string; errorId?: string; children: React.ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={controlId} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint && (
        <p id={hintId} className="mt-1 text-sm text-slate-600">
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
