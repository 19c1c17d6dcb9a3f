import type { InputHTMLAttributes, Ref } from 'react';
import { useFieldIds } from './field';

type CheckboxFieldProps = { label: string; hint: string; id?: string; ref?: Ref<HTMLInputElement> } & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className' | 'type'>;

/** A checkbox with its label beside it and its hint under the label, the hint read out with it. */
export function CheckboxField({ label, hint, id, ref, ...inputProps }: CheckboxFieldProps) {
  const { controlProps, controlId } = useFieldIds({ id, hint });
  return (
    <div className="flex items-start gap-3">
      <input ref={ref} type="checkbox" className="mt-1 h-4 w-4" {...controlProps} {...inputProps} />
      <div>
        <label htmlFor={controlId} className="text-sm font-medium text-slate-800">
          {label}
        </label>
        <p id={`${controlId}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      </div>
    </div>
  );
}
