import { useId, useState } from 'react';

import type { Decision } from '../../bindings/Decision';
import type { ExcludeReason } from '../../bindings/ExcludeReason';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { FormField } from '../../components/FormField';
import { useI18n } from '../../i18n';
import styles from './Review.module.css';

type Props = {
  /** How many findings are excluded at once. */
  count: number;
  onCancel: () => void;
  onConfirm: (decision: Decision) => void;
};

const REASONS: ExcludeReason[] = [
  'notThisPerson',
  'thirdPartyRights',
  'legalPrivilege',
  'duplicate',
  'other',
];

/** Why findings are left out of the answer; `other` needs the DPO's words. */
export function ExcludeDialog({ count, onCancel, onConfirm }: Props) {
  const { t } = useI18n();
  const words = t.discovery.exclude;
  const [reason, setReason] = useState<ExcludeReason>('notThisPerson');
  const [note, setNote] = useState('');
  const ids = useId();
  const needsNote = reason === 'other' && note.trim() === '';

  const confirm = () => {
    if (needsNote) return;
    const trimmed = note.trim();
    onConfirm({ decision: 'exclude', reason, ...(trimmed ? { note: trimmed } : {}) });
  };

  return (
    <Dialog
      title={words.title(count)}
      onClose={onCancel}
      testId="exclude-dialog"
      actions={
        <>
          <Button onClick={onCancel}>{words.cancel}</Button>
          <Button variant="primary" testId="exclude-confirm" disabled={needsNote} onClick={confirm}>
            {words.confirm}
          </Button>
        </>
      }
    >
      <div className={styles.form}>
        <FormField htmlFor={`${ids}-reason`} label={words.reason}>
          <select
            id={`${ids}-reason`}
            className={styles.select}
            value={reason}
            data-testid="exclude-reason"
            data-autofocus
            onChange={(e) => setReason(e.target.value as ExcludeReason)}
          >
            {REASONS.map((r) => (
              <option key={r} value={r}>
                {words.reasons[r]}
              </option>
            ))}
          </select>
        </FormField>
        <FormField
          htmlFor={`${ids}-note`}
          label={words.note}
          note={reason === 'other' ? undefined : words.noteOptional}
          hint={reason === 'other' ? words.noteRequired : undefined}
        >
          <textarea
            id={`${ids}-note`}
            className={styles.textarea}
            value={note}
            rows={3}
            data-testid="exclude-note"
            aria-required={reason === 'other'}
            onChange={(e) => setNote(e.target.value)}
          />
        </FormField>
      </div>
    </Dialog>
  );
}
