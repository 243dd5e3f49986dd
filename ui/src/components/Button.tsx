import type { ButtonHTMLAttributes } from 'react';

import styles from './Button.module.css';

type Props = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: 'primary' | 'secondary' | 'ghost' | 'danger';
  testId?: string;
};

/** A button; `secondary` unless said otherwise. */
export function Button({ variant = 'secondary', testId, className, type, ...rest }: Props) {
  return (
    <button
      {...rest}
      type={type ?? 'button'}
      data-variant={variant}
      data-testid={testId}
      className={className ? `${styles.button} ${className}` : styles.button}
    />
  );
}
