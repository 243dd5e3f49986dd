import { useId, useState } from 'react';

import { useAttachPackage, useDsar } from '../../api';
import type { AttachView } from '../../bindings/AttachView';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { FormField } from '../../components/FormField';
import { useI18n } from '../../i18n';
import { DSR_STATES } from '../../lib/dastraEnums';
import { DEFAULT_INBOX } from '../../lib/inboxQuery';
import { routeHref } from '../../lib/route';
import { stateLabel } from '../dsarLabels';
import styles from './Package.module.css';

type Props = { requestId: number; fileName: string; onClose: () => void };

/**
 * Send the package to its request in Dastra and, if the DPO says so, change the request's
 * state and resolution message. Sending again after a success sends nothing new: the backend
 * answers that it is already attached.
 */
export function AttachDialog({ requestId, fileName, onClose }: Props) {
  const { t } = useI18n();
  const words = t.evidence.attach;
  const request = useDsar(requestId);
  const attach = useAttachPackage();
  const [state, setState] = useState('');
  const [message, setMessage] = useState('');
  const ids = useId();
  const current = request.data?.summary.state;

  const send = () => {
    const trimmed = message.trim();
    attach.mutate({
      requestId,
      fileName,
      ...(state ? { state } : {}),
      ...(trimmed ? { resolutionMessage: trimmed } : {}),
    });
  };

  const done = attach.data;
  return (
    <Dialog
      title={words.title(requestId)}
      onClose={onClose}
      wide
      testId="attach-dialog"
      actions={
        done ? (
          <>
            <a
              className={styles.link}
              href={routeHref({ screen: 'dsar', id: requestId, inbox: DEFAULT_INBOX })}
              data-testid="attach-to-request"
            >
              {words.toRequest}
            </a>
            <Button variant="primary" onClick={onClose} testId="attach-close">
              {words.close}
            </Button>
          </>
        ) : (
          <>
            <Button onClick={onClose}>{words.cancel}</Button>
            <Button
              variant="primary"
              testId="attach-confirm"
              disabled={attach.isPending}
              onClick={send}
            >
              {attach.isPending ? words.sending : attach.isError ? words.retry : words.confirm}
            </Button>
          </>
        )
      }
    >
      <p>{words.intro(fileName)}</p>
      {done ? (
        <Outcome view={done} />
      ) : (
        <div className={styles.form}>
          <FormField htmlFor={`${ids}-state`} label={words.state}>
            <select
              id={`${ids}-state`}
              className={styles.select}
              value={state}
              data-testid="attach-state"
              data-autofocus
              disabled={attach.isPending}
              onChange={(e) => setState(e.target.value)}
            >
              <option value="">
                {current ? words.keepState(stateLabel(t, current)) : words.keepStateUnknown}
              </option>
              {DSR_STATES.filter((s) => s !== current).map((s) => (
                <option key={s} value={s}>
                  {stateLabel(t, s)}
                </option>
              ))}
            </select>
          </FormField>
          <FormField
            htmlFor={`${ids}-message`}
            label={words.message}
            note={words.messageOptional}
            hint={words.messageHint}
          >
            <textarea
              id={`${ids}-message`}
              className={styles.textarea}
              rows={4}
              value={message}
              data-testid="attach-message"
              disabled={attach.isPending}
              onChange={(e) => setMessage(e.target.value)}
            />
          </FormField>
        </div>
      )}
      {attach.isPending && (
        <p className={styles.muted} role="status" data-testid="attach-pending">
          {words.sending}
        </p>
      )}
      {attach.isError && (
        <div
          className={styles.error}
          role="alert"
          data-testid="attach-error"
          data-code={attach.error.code}
        >
          <p>
            <strong>{words.failed}</strong> — {attach.error.message}
          </p>
          {attach.error.code === 'outcomeUnknown' && <p>{words.unknown}</p>}
        </div>
      )}
    </Dialog>
  );
}

function Outcome({ view }: { view: AttachView }) {
  const { t } = useI18n();
  const words = t.evidence.attach;
  return (
    <div
      className={styles.outcome}
      role="status"
      data-testid="attach-result"
      data-already={view.alreadyAttached}
    >
      <strong>{view.alreadyAttached ? words.already : words.done}</strong>
      <p>{words.changes(view.changes)}</p>
      <p data-testid="attach-state-now" data-state={view.state}>
        {words.stateNow(stateLabel(t, view.state))}
      </p>
    </div>
  );
}
