import { useState, type ReactNode } from 'react';

import type { DiscoveryPlan } from '../../bindings/DiscoveryPlan';
import type { Identifier } from '../../bindings/Identifier';
import { useDiscoveryPlan, useDsar, useStartDiscovery } from '../../api';
import { Button } from '../../components/Button';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import type { InboxState } from '../../lib/inboxQuery';
import { jobFindings } from '../../lib/jobStatus';
import { routeHref } from '../../lib/route';
import styles from './Discovery.module.css';
import { IdentityEditor } from './IdentityEditor';
import { JobStateBadge } from './JobStateBadge';
import { startRefusalText } from './labels';

type Props = {
  id: number;
  inbox: InboxState;
  /** Go to the job just started. */
  onStarted: (jobId: string) => void;
};

/** Prepare a search of a request: who to look for, where; then start it. */
export function LaunchScreen({ id, inbox, onStarted }: Props) {
  const { t } = useI18n();
  const plan = useDiscoveryPlan(id);
  const back = (
    <a className={styles.back} href={routeHref({ screen: 'dsar', id, inbox })}>
      ← {t.discovery.launch.back}
    </a>
  );

  if (plan.isPending) {
    return (
      <Page title={t.discovery.launch.title} above={back}>
        <LoadingState />
      </Page>
    );
  }
  if (plan.isError) {
    return (
      <Page title={t.discovery.launch.title} above={back}>
        <ErrorState
          title={t.discovery.launch.errorTitle}
          error={plan.error}
          onRetry={() => void plan.refetch()}
        />
      </Page>
    );
  }
  return <Launcher plan={plan.data} back={back} onStarted={onStarted} />;
}

type LauncherProps = { plan: DiscoveryPlan; back: ReactNode; onStarted: (jobId: string) => void };

function Launcher({ plan, back, onStarted }: LauncherProps) {
  const { t, language } = useI18n();
  const words = t.discovery.launch;
  const dsar = useDsar(plan.requestId);
  const start = useStartDiscovery();
  const [identifiers, setIdentifiers] = useState<Identifier[]>(plan.identifiers);
  const [chosen, setChosen] = useState<string[]>(
    plan.sources.filter((s) => s.searchable).map((s) => s.connectionId),
  );

  const toggle = (id: string, on: boolean) =>
    setChosen((old) => (on ? [...old, id] : old.filter((x) => x !== id)));
  const run = () =>
    start.mutate(
      { requestId: plan.requestId, identifiers, sourceIds: chosen },
      { onSuccess: (job) => onStarted(job.id) },
    );
  const requester = dsar.data?.summary.requester;

  return (
    <Page
      title={requester ? `${words.title} — ${requester}` : words.title}
      above={back}
      aside={<span className={styles.muted}>{t.discovery.list.request(plan.requestId)}</span>}
    >
      <div className={styles.grid}>
        <section className={styles.card} aria-labelledby="identity-set-title">
          <h2 id="identity-set-title">{words.identityTitle}</h2>
          <p className={styles.muted}>{words.identityIntro}</p>
          <IdentityEditor identifiers={identifiers} onChange={setIdentifiers} />
        </section>

        <section className={styles.card} aria-labelledby="sources-title">
          <h2 id="sources-title">{words.sourcesTitle}</h2>
          <p className={styles.muted}>{words.sourcesIntro}</p>
          {plan.sources.length === 0 ? (
            <p className={styles.muted}>{words.noSources}</p>
          ) : (
            <div>
              {plan.sources.map((s) => (
                <label
                  key={s.connectionId}
                  className={styles.choice}
                  data-disabled={!s.searchable}
                  title={s.searchable ? undefined : words.notSearchable}
                >
                  <input
                    type="checkbox"
                    data-testid="source-choice"
                    data-id={s.connectionId}
                    disabled={!s.searchable}
                    checked={chosen.includes(s.connectionId)}
                    onChange={(e) => toggle(s.connectionId, e.target.checked)}
                  />
                  <span className={styles.choiceName}>
                    {s.name} <span className={styles.muted}>· {t.connections.kinds[s.kind]}</span>
                  </span>
                  <span className={styles.choiceScope}>
                    {s.searchable ? s.scope : `${s.scope} — ${words.notSearchable}`}
                  </span>
                </label>
              ))}
            </div>
          )}
        </section>
      </div>

      <div className={styles.startBar}>
        <Button variant="primary" testId="discovery-start" disabled={start.isPending} onClick={run}>
          {start.isPending ? words.starting : words.start}
        </Button>
        <span className={styles.muted}>{words.summary(identifiers.length, chosen.length)}</span>
        {start.isError && (
          <span className={styles.error} role="alert" data-testid="start-error">
            {words.startFailed(startRefusalText(start.error, t))}
          </span>
        )}
      </div>

      <section className={styles.card} aria-labelledby="jobs-title">
        <h2 id="jobs-title">{words.jobsTitle}</h2>
        {plan.jobs.length === 0 ? (
          <p className={styles.muted}>{words.noJobs}</p>
        ) : (
          <ul className={styles.list}>
            {plan.jobs.map((job) => (
              <li key={job.id} className={styles.row} data-testid="earlier-job" data-id={job.id}>
                <JobStateBadge job={job} />
                <span className={styles.value}>
                  {formatDateTime(job.createdAt, language)} ·{' '}
                  {t.discovery.job.counts.findings(jobFindings(job))}
                </span>
                <a href={routeHref({ screen: 'job', jobId: job.id })}>{words.openJob}</a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}
