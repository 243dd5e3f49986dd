import { useDeleteConnection } from '../../api';
import type { ConnectionView } from '../../bindings/ConnectionView';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { useI18n } from '../../i18n';
import { connectionName } from './labels';
import styles from './Connections.module.css';

type Props = {
  connection: ConnectionView;
  onClose: () => void;
  onDeleted: (name: string) => void;
};

/** "Delete this connection?", saying that its keyring entry goes too. */
export function DeleteDialog({ connection, onClose, onDeleted }: Props) {
  const { t } = useI18n();
  const words = t.connections.remove;
  const remove = useDeleteConnection();
  const name = connectionName(connection, t);
  return (
    <Dialog
      title={words.title(name)}
      onClose={onClose}
      testId="delete-dialog"
      actions={
        <>
          <Button onClick={onClose} data-autofocus testId="cancel-delete">
            {words.cancel}
          </Button>
          <Button
            variant="danger"
            disabled={remove.isPending}
            testId="confirm-delete"
            onClick={() => remove.mutate(connection.id, { onSuccess: () => onDeleted(name) })}
          >
            {words.confirm}
          </Button>
        </>
      }
    >
      <p>{words.body}</p>
      {connection.current && <p data-testid="delete-current">{words.current}</p>}
      <p data-testid="delete-keyring">
        {connection.secretStatus === 'stored' ? words.keyring.stored : words.keyring.none}
      </p>
      {remove.error && (
        <div className={styles.dialogError} role="alert">
          <p className={styles.rowErrorTitle}>{words.failed}</p>
          <p>{t.connections.errorHint[remove.error.code]}</p>
          <p>{remove.error.message}</p>
        </div>
      )}
    </Dialog>
  );
}
