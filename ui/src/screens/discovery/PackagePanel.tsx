import { useMemo, useRef, useState } from 'react';

import { useBuildPackage, usePackage } from '../../api';
import type { PackageView } from '../../bindings/PackageView';
import type { ReviewList } from '../../bindings/ReviewList';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { useI18n } from '../../i18n';
import { formatBytes, formatCount } from '../../lib/format';
import { AttachDialog } from './AttachDialog';
import styles from './Package.module.css';

type Props = { list: ReviewList };

/**
 * The last step of a review: build the response package, read its report, attach it to the
 * request. Building waits for the review to be finished, or for the DPO to confirm that what
 * is left undecided stays out.
 */
export function PackagePanel({ list }: Props) {
  const { t } = useI18n();
  const words = t.evidence.package;
  const build = useBuildPackage(list.job.id);
  // The package built last, even before a reload of the window.
  const remembered = usePackage(list.job.id);
  const [confirming, setConfirming] = useState(false);
  const left = list.remaining;
  const running = list.job.live;
  // (`package` is absent, or null, when none was built.)
  const built = build.data ?? remembered.data?.package ?? undefined;

  // The reviews the shown package was built from: a change afterwards makes it outdated. A
  // package built before a reload is compared by its counts.
  const reviews = useMemo(() => JSON.stringify(list.findings.map((f) => [f.id, f.review])), [list]);
  const builtFrom = useRef<string | null>(null);
  const start = () => {
    builtFrom.current = reviews;
    build.mutate();
  };
  const outdated =
    built !== undefined &&
    (builtFrom.current === null ? !countsMatch(built, list) : builtFrom.current !== reviews);

  return (
    <section className={styles.panel} aria-labelledby="package-title" data-testid="package-panel">
      <div className={styles.head}>
        <div>
          <h2 id="package-title" className={styles.title}>
            {words.title}
          </h2>
          <p className={styles.muted}>{words.intro}</p>
        </div>
        <Button
          variant="primary"
          testId="package-build"
          disabled={running || left > 0 || build.isPending}
          aria-describedby={running || left > 0 ? 'package-why' : undefined}
          onClick={start}
        >
          {build.isPending ? words.building : built ? words.rebuild : words.build}
        </Button>
      </div>

      {(running || left > 0) && (
        <p className={styles.why} id="package-why" data-testid="package-why">
          {running ? words.running : words.remaining(left)}
          {!running && (
            <Button
              variant="ghost"
              testId="package-build-anyway"
              disabled={build.isPending}
              onClick={() => setConfirming(true)}
            >
              {words.buildAnyway}
            </Button>
          )}
        </p>
      )}

      {build.isError && (
        <div className={styles.error} role="alert" data-testid="package-error">
          <span>
            <strong>{words.failed}</strong> — {build.error.message}
          </span>
          <Button variant="ghost" onClick={() => build.reset()}>
            {words.dismiss}
          </Button>
        </div>
      )}

      {outdated && (
        <p className={styles.why} data-testid="package-outdated">
          {words.outdated}
        </p>
      )}
      {built && <Built key={built.sha256} pkg={built} />}

      {confirming && (
        <Dialog
          title={words.confirmTitle}
          onClose={() => setConfirming(false)}
          testId="package-confirm-dialog"
          actions={
            <>
              <Button onClick={() => setConfirming(false)}>{words.cancel}</Button>
              <Button
                variant="primary"
                testId="package-confirm"
                data-autofocus
                onClick={() => {
                  setConfirming(false);
                  start();
                }}
              >
                {words.confirm}
              </Button>
            </>
          }
        >
          <p>{words.confirmBody(left)}</p>
          <p className={styles.muted}>{words.confirmHint}</p>
        </Dialog>
      )}
    </section>
  );
}

/** Whether a package's counts are those of the review as it is now. */
export function countsMatch(pkg: PackageView, list: ReviewList): boolean {
  const decided = (d: 'include' | 'exclude') =>
    list.findings.filter((f) => f.review.decision?.decision === d).length;
  const redactions = list.findings
    .filter((f) => f.review.decision?.decision === 'include')
    .reduce((n, f) => n + (f.review.redactions?.length ?? 0), 0);
  return (
    pkg.included === decided('include') &&
    pkg.excluded === decided('exclude') &&
    pkg.redactions === redactions
  );
}

/** What was built: counts, file, contents, the report, and the way to Dastra. */
function Built({ pkg }: { pkg: PackageView }) {
  const { t, language } = useI18n();
  const words = t.evidence.package;
  const [reading, setReading] = useState(false);
  const [attaching, setAttaching] = useState(false);
  const n = (v: number) => formatCount(v, language);
  const counts = [
    ['included', pkg.included],
    ['excluded', pkg.excluded],
    ['undecided', pkg.undecided],
    ['redactions', pkg.redactions],
  ] as const;

  return (
    <div className={styles.built} data-testid="package-result">
      <h3 className={styles.subtitle}>{words.builtTitle}</h3>
      <dl className={styles.counts}>
        {counts.map(([kind, value]) => (
          <div
            key={kind}
            className={styles.count}
            data-testid={`package-${kind}`}
            data-count={value}
          >
            <dt>{words.counts[kind]}</dt>
            <dd>{n(value)}</dd>
          </div>
        ))}
      </dl>

      <dl className={styles.facts}>
        <dt>{words.file}</dt>
        <dd className={styles.mono} data-testid="package-file">
          {pkg.fileName}
        </dd>
        <dt>{words.size}</dt>
        <dd data-testid="package-size">{formatBytes(pkg.bytes, language)}</dd>
        <dt>{words.where}</dt>
        <dd className={styles.mono}>{pkg.path}</dd>
        <dt>{words.fingerprint}</dt>
        <dd className={styles.mono} data-testid="package-sha256">
          {pkg.sha256}
        </dd>
      </dl>

      <details className={styles.files} data-testid="package-files">
        <summary>{words.filesTitle(pkg.files.length)}</summary>
        <table className={styles.fileTable}>
          <thead>
            <tr>
              <th scope="col">{words.fileColumns.name}</th>
              <th scope="col" data-align="end">
                {words.fileColumns.size}
              </th>
              <th scope="col">{words.fileColumns.sha256}</th>
            </tr>
          </thead>
          <tbody>
            {pkg.files.map((f) => (
              <tr key={f.name} data-testid="package-file-row" data-name={f.name}>
                <td className={styles.mono}>{f.name}</td>
                <td data-align="end">{formatBytes(f.bytes, language)}</td>
                <td className={styles.mono}>{f.sha256}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>

      <div className={styles.actions}>
        <Button
          testId="package-report-open"
          aria-expanded={reading}
          onClick={() => setReading((r) => !r)}
        >
          {reading ? words.hideReport : words.readReport}
        </Button>
        <Button variant="primary" testId="package-attach-open" onClick={() => setAttaching(true)}>
          {t.evidence.attach.open}
        </Button>
      </div>

      {reading && (
        <div className={styles.report}>
          <p className={styles.muted}>{words.reportHint}</p>
          {/* No permission at all: the report cannot run script, navigate or reach the app. */}
          <iframe
            className={styles.frame}
            sandbox=""
            srcDoc={pkg.reportHtml}
            title={words.reportLabel(pkg.reportName)}
            data-testid="package-report"
          />
        </div>
      )}

      {attaching && (
        <AttachDialog
          requestId={pkg.requestId}
          fileName={pkg.fileName}
          onClose={() => setAttaching(false)}
        />
      )}
    </div>
  );
}
