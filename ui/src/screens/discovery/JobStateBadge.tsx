import type { JobView } from '../../bindings/JobView';
import { Badge } from '../../components/Badge';
import { useI18n } from '../../i18n';
import { jobStatus, type JobStatus } from '../../lib/jobStatus';

type Props = { job: JobView; testId?: string };

const TONES: Record<JobStatus, 'neutral' | 'accent' | 'danger' | 'warning' | 'success'> = {
  pending: 'neutral',
  running: 'accent',
  interrupted: 'warning',
  cancelled: 'warning',
  done: 'success',
  partial: 'warning',
  failed: 'danger',
};

/** Where a job stands: running, interrupted, finished… */
export function JobStateBadge({ job, testId }: Props) {
  const { t } = useI18n();
  const status = jobStatus(job);
  return (
    <span data-testid={testId} data-status={status}>
      <Badge tone={TONES[status]}>{t.discovery.status[status]}</Badge>
    </span>
  );
}
