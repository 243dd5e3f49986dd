import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { useI18n } from '../../i18n';

type Props = {
  title: string;
  body: string;
  /** The words of the button that goes ahead. */
  confirm: string;
  variant: 'primary' | 'danger';
  /** The dialog's test id; its button's is `confirmTestId`. */
  testId: string;
  confirmTestId: string;
  onConfirm: () => void;
  onClose: () => void;
};

/** "Are you sure?" before an import writes to Dastra (apply) or takes it back (undo). */
export function ConfirmDialog(props: Props) {
  const a = useI18n().t.imports.apply;
  return (
    <Dialog
      title={props.title}
      onClose={props.onClose}
      testId={props.testId}
      actions={
        <>
          <Button onClick={props.onClose}>{a.keep}</Button>
          <Button
            variant={props.variant}
            testId={props.confirmTestId}
            onClick={() => {
              props.onClose();
              props.onConfirm();
            }}
          >
            {props.confirm}
          </Button>
        </>
      }
    >
      <p>{props.body}</p>
    </Dialog>
  );
}
