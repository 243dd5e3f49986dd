import { useRecentJobs } from '../../api';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { DEFAULT_INBOX } from '../../lib/inboxQuery';
import { jobFindings } from '../../lib/jobStatus';
import { HOME, routeHref } from '../../lib/route';
import styles from './Discovery.module.css';
import { JobStateBadge } from './JobStateBadge';

/** The latest discovery jobs of every request, to follow one or review it. */
export function DiscoveryListScreen() {
  const { t, language } = useI18n();
  const words = t.discovery.list;
  const jobs = useRecentJobs();

  return (
    <Page title={words.title}>
      <p className={styles.intro}>{words.intro}</p>
      {jobs.isPending ? (
        <LoadingState />
      ) : jobs.isError ? (
        <ErrorState
          title={words.errorTitle}
          error={jobs.error}
          onRetry={() => void jobs.refetch()}
        />
      ) : jobs.data.jobs.length === 0 ? (
        <EmptyState
          title={words.emptyTitle}
          body={words.emptyBody}
          action={
            <Button onClick={() => (window.location.hash = routeHref(HOME))}>
              {words.toInbox}
            </Button>
          }
        />
      ) : (
        <section className={styles.card}>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">{words.columns.request}</th>
                <th scope="col">{words.columns.started}</th>
                <th scope="col">{words.columns.state}</th>
                <th scope="col">{words.columns.sources}</th>
                <th scope="col">{words.columns.findings}</th>
                <th scope="col" aria-label={words.open} />
              </tr>
            </thead>
            <tbody>
              {jobs.data.jobs.map((job) => (
                <tr key={job.id} data-testid="job-row" data-id={job.id}>
                  <td>
                    <a
                      href={routeHref({ screen: 'dsar', id: job.requestId, inbox: DEFAULT_INBOX })}
                    >
                      {words.request(job.requestId)}
                    </a>
                  </td>
                  <td>{formatDateTime(job.createdAt, language)}</td>
                  <td>
                    <JobStateBadge job={job} />
                  </td>
                  <td>{job.sources.map((s) => s.name).join(', ')}</td>
                  <td>{jobFindings(job)}</td>
                  <td>
                    <a href={routeHref({ screen: 'job', jobId: job.id })} data-testid="job-open">
                      {words.open}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </Page>
  );
}
