// The inputs of the connection form, bound to the draft through a context so that each kind's
// fields read as a plain list. Every input shows the problems of its field path, client-side or
// from the vault.

import { createContext, useContext, type ReactNode } from 'react';

import type { PickKind } from '../../api';
import { describedBy, FormField } from '../../components/FormField';
import { PathField } from '../../components/PathField';
import { useI18n } from '../../i18n';
import type { Draft, FormError } from '../../lib/connectionDraft';

type DraftForm = {
  draft: Draft;
  /** Change some inputs; the problems shown for `field` go away. */
  update: (field: string, patch: Partial<Draft>) => void;
  errorsFor: (field: string) => FormError[];
};

export const DraftFormContext = createContext<DraftForm | null>(null);

export function useDraftForm(): DraftForm {
  const form = useContext(DraftFormContext);
  if (!form) throw new Error('BUG: a connection field outside its form');
  return form;
}

/** The draft's plain text inputs (not the kinds and modes chosen from a list). */
type TextKey = { [K in keyof Draft]: string extends Draft[K] ? K : never }[keyof Draft];

type TextProps = {
  name: TextKey;
  /** The field's path in the backend's terms (`settings.host`). */
  field: string;
  label: string;
  testId: string;
  hint?: ReactNode;
  optional?: boolean;
  inputMode?: 'numeric' | 'url';
  placeholder?: string;
  /** Several lines (patterns, headers). */
  rows?: number;
  /** A path, which the desktop's chooser can also pick: a file or a folder. */
  browse?: PickKind;
};

export function TextField({
  name,
  field,
  label,
  testId,
  hint,
  optional,
  inputMode,
  placeholder,
  rows,
  browse,
}: TextProps) {
  const { t } = useI18n();
  const { draft, update, errorsFor } = useDraftForm();
  const id = `connection-${name}`;
  const errors = errorsFor(field);
  const common = {
    id,
    value: draft[name],
    placeholder,
    spellCheck: false,
    'data-testid': testId,
    'aria-invalid': errors.length > 0,
    'aria-describedby': describedBy(id, hint, errors),
  };
  return (
    <FormField
      htmlFor={id}
      label={label}
      note={optional ? t.connections.form.optional : undefined}
      hint={hint}
      errors={errors}
    >
      {browse ? (
        <PathField
          id={id}
          kind={browse}
          title={label}
          value={draft[name]}
          placeholder={placeholder}
          aria-describedby={common['aria-describedby']}
          onChange={(path) => update(field, { [name]: path })}
          testId={testId}
        />
      ) : rows ? (
        <textarea
          {...common}
          rows={rows}
          onChange={(e) => update(field, { [name]: e.target.value })}
        />
      ) : (
        <input
          {...common}
          type="text"
          inputMode={inputMode}
          autoComplete="off"
          onChange={(e) => update(field, { [name]: e.target.value })}
        />
      )}
    </FormField>
  );
}

type SelectProps<V extends string> = {
  id: string;
  field: string;
  label: string;
  testId: string;
  value: V;
  options: readonly V[];
  labels: Record<V, string>;
  onChange: (value: V) => void;
  disabled?: boolean;
  hint?: ReactNode;
};

export function SelectField<V extends string>({
  id,
  field,
  label,
  testId,
  value,
  options,
  labels,
  onChange,
  disabled,
  hint,
}: SelectProps<V>) {
  const { errorsFor } = useDraftForm();
  const errors = errorsFor(field);
  return (
    <FormField htmlFor={id} label={label} hint={hint} errors={errors}>
      <select
        id={id}
        value={value}
        disabled={disabled}
        data-testid={testId}
        aria-invalid={errors.length > 0}
        aria-describedby={describedBy(id, hint, errors)}
        onChange={(e) => onChange(e.target.value as V)}
      >
        {options.map((o) => (
          <option key={o} value={o}>
            {labels[o]}
          </option>
        ))}
      </select>
    </FormField>
  );
}
