import type { Ref, SelectHTMLAttributes } from 'react';
import { controlClassName, FieldFrame, useFieldIds, type FieldProps } from './field';

type SelectFieldProps = FieldProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'className'> & { options: { value: string; label: string }[]; ref?: Ref<HTMLSelectElement> };

export function SelectField({ label, error, hint, options, id, className, ref, ...selectProps }: SelectFieldProps) {
  const { controlProps, ...ids } = useFieldIds({ id, hint, error });
  return (
    <FieldFrame label={label} hint={hint} error={error} className={className} {...ids}>
      <select ref={ref} className={controlClassName(error)} {...controlProps} {...selectProps}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
