import { useId, useState } from 'react';

import {
  uploadPercent,
  useAttachPackage,
  useDsar,
  useUploadProgress,
  useWorkflow,
  type UploadProgress,
} from '../../api';
import type { AttachView } from '../../bindings/AttachView';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { FormField } from '../../components/FormField';
import { useI18n } from '../../i18n';
import { DSR_STATES } from '../../lib/dastraEnums';
import { formatBytes } from '../../lib/format';
import { DEFAULT_INBOX } from '../../lib/inboxQuery';
import { routeHref } from '../../lib/route';
import { stateLabel } from '../dsarLabels';
import styles from './Package.module.css';

type Props = { requestId: number; fileName: string; onClose: () => void };

/**
 * Send the package to its request in Dastra and, if the DPO says so, move the request to
 * another workflow step, change its state and set its resolution message: nothing changes
 * that the DPO did not choose. Sending again after a success sends nothing new: the backend
 * answers that it is already attached.
 */
export function AttachDialog({ requestId, fileName, onClose }: Props) {
  const { t } = useI18n();
  const words = t.evidence.attach;
  const request = useDsar(requestId);
  const workflow = useWorkflow(requestId);
  const attach = useAttachPackage();
  const progress = useUploadProgress(fileName);
  const [state, setState] = useState('');
  const [step, setStep] = useState('');
  const [message, setMessage] = useState('');
  const ids = useId();
  const current = request.data?.summary.state;
  const steps = workflow.data?.steps ?? [];
  const currentStep = steps.find((s) => s.id === workflow.data?.current);

  const send = () => {
    const trimmed = message.trim();
    attach.mutate({
      requestId,
      fileName,
      ...(step ? { workflowStep: Number(step) } : {}),
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
          <FormField
            htmlFor={`${ids}-step`}
            label={words.step}
            hint={workflow.isError ? words.stepUnavailable : words.stepHint}
          >
            <select
              id={`${ids}-step`}
              className={styles.select}
              value={step}
              data-testid="attach-step"
              data-autofocus
              disabled={attach.isPending || steps.length === 0}
              onChange={(e) => setStep(e.target.value)}
            >
              <option value="">
                {currentStep ? words.keepStep(currentStep.label) : words.keepStepUnknown}
              </option>
              {steps
                .filter((s) => s.id !== currentStep?.id)
                .map((s) => (
                  <option key={s.id} value={s.id} data-state={s.mappedState}>
                    {s.mappedState
                      ? words.stepOption(s.label, stateLabel(t, s.mappedState))
                      : s.label}
                  </option>
                ))}
            </select>
          </FormField>
          <FormField htmlFor={`${ids}-state`} label={words.state}>
            <select
              id={`${ids}-state`}
              className={styles.select}
              value={state}
              data-testid="attach-state"
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
      {(attach.isPending || (done && !done.alreadyAttached && progress)) && (
        <Sending progress={progress} />
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

/** The upload's progress bar: the share sent once the backend tells it, else "sending". */
function Sending({ progress }: { progress: UploadProgress | null }) {
  const { t, language } = useI18n();
  const words = t.evidence.attach;
  const percent = progress ? uploadPercent(progress) : null;
  return (
    <div className={styles.upload} role="status" data-testid="attach-pending">
      <progress
        className={styles.uploadBar}
        max={100}
        {...(percent === null ? {} : { value: percent })}
        aria-label={words.uploadLabel}
        data-testid="attach-progress"
        data-percent={percent ?? ''}
      />
      <span className={styles.muted}>
        {progress && percent !== null
          ? words.uploaded(
              percent,
              formatBytes(progress.sent, language),
              formatBytes(progress.total, language),
            )
          : words.sending}
      </span>
    </div>
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
