import { useRef, useState } from 'react';

import type { IpcError } from '../../api';
import type { ConnectionsExportResponse } from '../../bindings/ConnectionsExportResponse';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { LoadingState } from '../../components/LoadingState';
import { useI18n } from '../../i18n';
import styles from './Connections.module.css';

type Props = {
  result: ConnectionsExportResponse | undefined;
  error: IpcError | null;
  onClose: () => void;
};

/** The exported profiles as JSON, to copy and share: never a password or key in it. */
export function ExportDialog({ result, error, onClose }: Props) {
  const { t } = useI18n();
  const words = t.connections.exporting;
  const text = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState(false);

  async function copy() {
    if (!result) return;
    try {
      await navigator.clipboard.writeText(result.json);
      setCopied(true);
    } catch {
      // No clipboard access: select the text so that the person can copy it themselves.
      text.current?.select();
    }
  }

  return (
    <Dialog
      title={words.title}
      onClose={onClose}
      wide
      testId="export-dialog"
      actions={
        <>
          <Button onClick={onClose} testId="export-close">
            {words.close}
          </Button>
          <Button variant="primary" onClick={copy} disabled={!result} testId="export-copy">
            {copied ? words.copied : words.copy}
          </Button>
        </>
      }
    >
      {error ? (
        <div className={styles.dialogError} role="alert">
          <p className={styles.rowErrorTitle}>{words.failed}</p>
          <p>{error.message}</p>
        </div>
      ) : !result ? (
        <LoadingState />
      ) : (
        <>
          <p className={styles.strong} data-testid="export-count">
            {words.count(result.count)}
          </p>
          <p className={styles.muted}>{words.hint}</p>
          <label className="visually-hidden" htmlFor="export-json">
            {words.label}
          </label>
          <textarea
            id="export-json"
            ref={text}
            className={styles.json}
            value={result.json}
            readOnly
            rows={14}
            spellCheck={false}
            data-testid="export-json"
          />
        </>
      )}
    </Dialog>
  );
}
