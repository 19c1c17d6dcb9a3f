import type { InputHTMLAttributes, Ref } from 'react';
import { controlClassName, FieldFrame, useFieldIds, type FieldProps } from './field';

type TextFieldProps = FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'> & { ref?: Ref<HTMLInputElement> };

export function TextField({ label, error, hint, id, className, ref, ...inputProps }: TextFieldProps) {
  const { controlProps, ...ids } = useFieldIds({ id, hint, error });
  return (
    <FieldFrame label={label} hint={hint} error={error} className={className} {...ids}>
      <input ref={ref} className={controlClassName(error)} {...controlProps} {...inputProps} />
    </FieldFrame>
  );
}
