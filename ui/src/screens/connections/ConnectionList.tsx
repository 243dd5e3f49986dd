import { useState } from 'react';

import { useExportConnections, useSwitchWorkspace } from '../../api';
import type { ConnectionView } from '../../bindings/ConnectionView';
import { Button } from '../../components/Button';
import { useI18n } from '../../i18n';
import { ConnectionRow } from './ConnectionRow';
import { DeleteDialog } from './DeleteDialog';
import { ExportDialog } from './ExportDialog';
import { ImportDialog } from './ImportDialog';
import { connectionName } from './labels';
import styles from './Connections.module.css';

type Props = {
  connections: ConnectionView[];
  onNew: () => void;
  onEdit: (id: string) => void;
  /** Say something done in the notice above the list. */
  onNotice: (text: string) => void;
};

/** The profiles, with what can be done to one (test, use, edit, delete) or to several (export). */
export function ConnectionList({ connections, onNew, onEdit, onNotice }: Props) {
  const { t } = useI18n();
  const words = t.connections;
  const [selected, setSelected] = useState<string[]>([]);
  const [deleting, setDeleting] = useState<ConnectionView | null>(null);
  const [exporting, setExporting] = useState(false);
  const [importing, setImporting] = useState(false);
  const exportProfiles = useExportConnections();
  const switcher = useSwitchWorkspace();

  // A deleted profile leaves the selection.
  const chosen = selected.filter((id) => connections.some((c) => c.id === id));

  function use(c: ConnectionView) {
    switcher.mutate(c.id, {
      onSuccess: () => onNotice(words.notice.switched(connectionName(c, t))),
    });
  }

  return (
    <>
      <div className={styles.toolbar}>
        <Button variant="primary" onClick={onNew} testId="connection-new">
          {words.new}
        </Button>
        <span className={styles.spacer} />
        <Button
          onClick={() => {
            exportProfiles.mutate(chosen);
            setExporting(true);
          }}
          testId="connections-export"
        >
          {chosen.length > 0 ? words.exportSelected(chosen.length) : words.export}
        </Button>
        <Button onClick={() => setImporting(true)} testId="connections-import">
          {words.import}
        </Button>
      </div>

      {switcher.error && (
        <div className={styles.alert} role="alert" data-testid="connection-use-error">
          <p className={styles.rowErrorTitle}>{t.header.switchFailed}</p>
          <p>{t.connections.errorHint[switcher.error.code]}</p>
          <p className={styles.muted}>{switcher.error.message}</p>
        </div>
      )}

      <ul className={styles.list} aria-label={words.listLabel}>
        {connections.map((c) => (
          <ConnectionRow
            key={c.id}
            connection={c}
            selected={chosen.includes(c.id)}
            onSelect={(on) =>
              setSelected(on ? [...chosen, c.id] : chosen.filter((id) => id !== c.id))
            }
            onEdit={() => onEdit(c.id)}
            onDelete={() => setDeleting(c)}
            onUse={() => use(c)}
            using={switcher.isPending && switcher.variables === c.id}
          />
        ))}
      </ul>

      {deleting && (
        <DeleteDialog
          connection={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={(name) => {
            setDeleting(null);
            onNotice(words.notice.deleted(name));
          }}
        />
      )}
      {exporting && (
        <ExportDialog
          result={exportProfiles.data}
          error={exportProfiles.error}
          onClose={() => {
            setExporting(false);
            exportProfiles.reset();
          }}
        />
      )}
      {importing && (
        <ImportDialog
          onClose={() => setImporting(false)}
          onEdit={(id) => {
            setImporting(false);
            onEdit(id);
          }}
        />
      )}
    </>
  );
}
