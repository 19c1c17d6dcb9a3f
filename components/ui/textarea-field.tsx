import type { Ref, TextareaHTMLAttributes } from 'react';
import { controlClassName, FieldFrame, useFieldIds, type FieldProps } from './field';

type TextareaFieldProps = FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'className'> & { ref?: Ref<HTMLTextAreaElement> };

export function TextareaField({ label, error, hint, id, className, ref, ...textareaProps }: TextareaFieldProps) {
  const { controlProps, ...ids } = useFieldIds({ id, hint, error });
  return (
    <FieldFrame label={label} hint={hint} error={error} className={className} {...ids}>
      <textarea ref={ref} className={controlClassName(error)} {...controlProps} {...textareaProps} />
    </FieldFrame>
  );
}
