import type { ComponentProps, ReactNode } from 'react';

/** The look of every field in the GET filter forms above lists. */
export const filterInputClass = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm';

export interface FilterOption {
  value: string;
  label: string;
}

/**
 * A labelled select of a filter form; `anyLabel`, when given, is the first, empty choice that leaves the filter
 * off. `className` styles the wrapper (a grid span, say).
 */
export function FilterSelect({
  id,
  name,
  label,
  defaultValue,
  anyLabel,
  options,
  className,
}: {
  id: string;
  name: string;
  label: ReactNode;
  defaultValue: string | undefined;
  anyLabel?: string;
  options: readonly FilterOption[];
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select id={id} name={name} defaultValue={defaultValue ?? ''} className={filterInputClass}>
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A labelled input of a filter form, with an optional hint the input is described by; `className` styles the wrapper. */
export function FilterInput({
  id,
  label,
  hint,
  className,
  ...input
}: { id: string; label: ReactNode; hint?: ReactNode; className?: string } & Omit<ComponentProps<'input'>, 'id' | 'className' | 'aria-describedby'>) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input id={id} aria-describedby={hint ? `${id}-hint` : undefined} className={filterInputClass} {...input} />
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      )}
    </div>
  );
}
