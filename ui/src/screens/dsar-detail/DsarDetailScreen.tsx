import type { ReactNode } from 'react';

import type { DsarDetail } from '../../bindings/DsarDetail';
import { useDsar } from '../../api';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Chip, ChipList } from '../../components/Chip';
import { DueDate } from '../../components/DueDate';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n';
import { enumLabel } from '../../lib/dastraEnums';
import {
  countryName,
  formatBytes,
  formatDate,
  formatDateTime,
  languageName,
} from '../../lib/format';
import type { InboxState } from '../../lib/inboxQuery';
import { routeHref } from '../../lib/route';
import { purposeLabel, stateLabel, stateTone } from '../dsarLabels';
import styles from './DsarDetailScreen.module.css';

type Props = {
  id: number;
  /** The inbox the request was opened from, to go back to it as it was. */
  inbox: InboxState;
  /** Prepare a discovery of this request. */
  onDiscover?: () => void;
};

/**
 * One request in full: what was asked, by whom, by when, with what attached. Read-only, with
 * the way to search for the person's data.
 */
export function DsarDetailScreen({ id, inbox, onDiscover }: Props) {
  const { t } = useI18n();
  const dsar = useDsar(id);
  const back = (
    <a
      className={styles.back}
      href={routeHref({ screen: 'inbox', inbox })}
      data-testid="back-to-inbox"
    >
      ← {t.detail.back}
    </a>
  );

  if (dsar.isPending) {
    return (
      <Page title="" above={back}>
        <LoadingState />
      </Page>
    );
  }
  if (dsar.isError) {
    return (
      <Page title={t.detail.errorTitle} above={back}>
        <ErrorState
          title={t.detail.errorTitle}
          error={dsar.error}
          onRetry={dsar.error.code === 'notFound' ? undefined : () => void dsar.refetch()}
        />
      </Page>
    );
  }
  return <Detail detail={dsar.data} back={back} onDiscover={onDiscover} />;
}

type DetailProps = { detail: DsarDetail; back: ReactNode; onDiscover?: () => void };

function Detail({ detail, back, onDiscover }: DetailProps) {
  const { t, language } = useI18n();
  const { summary, identity, dates } = detail;
  const empty = t.common.empty;
  const labels = t.detail;

  return (
    <Page
      title={<span data-testid="detail-title">{summary.title}</span>}
      above={back}
      aside={
        onDiscover && (
          <Button variant="primary" testId="run-discovery" onClick={onDiscover}>
            {t.discovery.run}
          </Button>
        )
      }
    >
      <div className={styles.summary} data-testid="detail-summary" data-overdue={summary.overdue}>
        <Fact label={labels.state}>
          <Badge tone={stateTone(summary.state)} testId="detail-state">
            {stateLabel(t, summary.state)}
          </Badge>
        </Fact>
        <Fact label={labels.due}>
          <DueDate dueDate={summary.dueDate} daysLeft={summary.daysLeft} inline />
        </Fact>
        <Fact label={labels.step}>{summary.workflowStep ?? empty}</Fact>
        <Fact label={labels.purposes}>
          <ChipList>
            {summary.purposes.map((p) => (
              <Chip key={p}>{purposeLabel(t, p)}</Chip>
            ))}
          </ChipList>
        </Fact>
      </div>

      <div className={styles.grid}>
        <section className={styles.card} aria-labelledby="identity-title">
          <div className={styles.cardHead}>
            <h2 id="identity-title">{labels.identityTitle}</h2>
            <Badge
              tone={detail.identityValidated ? 'success' : 'warning'}
              testId="identity-validated"
            >
              {detail.identityValidated ? labels.identityValidated : labels.identityNotValidated}
            </Badge>
          </div>
          <dl className={styles.fields}>
            <Field
              label={labels.identity.givenName}
              value={identity.givenName}
              testId="identity-given-name"
            />
            <Field
              label={labels.identity.familyName}
              value={identity.familyName}
              testId="identity-family-name"
            />
            <Field label={labels.identity.email} value={identity.email} testId="identity-email" />
            <Field
              label={labels.identity.phone}
              value={identity.phoneNumber}
              testId="identity-phone"
            />
            <Field
              label={labels.identity.address}
              value={identity.address}
              testId="identity-address"
            />
            <Field label={labels.identity.zip} value={identity.zipCode} testId="identity-zip" />
            <Field label={labels.identity.city} value={identity.city} testId="identity-city" />
            <Field
              label={labels.identity.country}
              value={countryName(identity.countryCode, language)}
              testId="identity-country"
            />
            <Field label={labels.identity.refId} value={identity.refId} testId="identity-ref-id" />
            <Field
              label={labels.identity.userId}
              value={identity.userId}
              testId="identity-user-id"
            />
          </dl>
        </section>

        <section className={styles.card} aria-labelledby="request-title">
          <div className={styles.cardHead}>
            <h2 id="request-title">{labels.requestTitle}</h2>
          </div>
          <dl className={styles.fields}>
            <Field
              label={labels.channel}
              value={detail.channel && enumLabel(t.enums.channel, detail.channel)}
              testId="detail-channel"
            />
            <Field
              label={labels.personCategory}
              value={
                detail.personCategory && enumLabel(t.enums.personCategory, detail.personCategory)
              }
              testId="detail-person-category"
            />
            <Field label={labels.area} value={detail.area} testId="detail-area" />
            <Field
              label={labels.locale}
              value={languageName(detail.locale, language)}
              testId="detail-locale"
            />
          </dl>
          <h3 className={styles.subhead}>{labels.description}</h3>
          {detail.description ? (
            <p className={styles.text} data-testid="detail-description">
              {detail.description}
            </p>
          ) : (
            <p className={styles.muted} data-testid="detail-description">
              {labels.noDescription}
            </p>
          )}
          {detail.resolutionMessage && (
            <>
              <h3 className={styles.subhead}>{labels.resolution}</h3>
              <p className={styles.text}>{detail.resolutionMessage}</p>
            </>
          )}
        </section>

        <section className={styles.card} aria-labelledby="attachments-title">
          <div className={styles.cardHead}>
            <h2 id="attachments-title">{labels.attachmentsTitle}</h2>
            <span className={styles.count}>{detail.attachments.length}</span>
          </div>
          {detail.attachments.length === 0 ? (
            <p className={styles.muted}>{labels.noAttachments}</p>
          ) : (
            <table className={styles.files} data-testid="detail-attachments">
              <thead>
                <tr>
                  <th scope="col">{labels.attachmentColumns.name}</th>
                  <th scope="col" data-align="end">
                    {labels.attachmentColumns.size}
                  </th>
                  <th scope="col" data-align="end">
                    {labels.attachmentColumns.date}
                  </th>
                </tr>
              </thead>
              <tbody>
                {detail.attachments.map((a) => (
                  <tr key={a.id} data-testid="attachment-row">
                    <td className={styles.fileName}>{a.fileName || labels.unnamedFile}</td>
                    <td data-align="end">{formatBytes(a.size, language)}</td>
                    <td data-align="end">{formatDate(a.created, language) ?? empty}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section className={styles.card} aria-labelledby="history-title">
          <div className={styles.cardHead}>
            <h2 id="history-title">{labels.historyTitle}</h2>
          </div>
          <dl className={styles.fields}>
            <Field
              label={labels.history.created}
              value={formatDateTime(dates.created, language)}
              testId="history-created"
            />
            <Field
              label={labels.history.updated}
              value={formatDateTime(dates.updated, language)}
              testId="history-updated"
            />
            <Field
              label={labels.history.emailValidated}
              value={formatDateTime(dates.emailValidated, language)}
              testId="history-email-validated"
            />
            <Field
              label={labels.history.identityValidated}
              value={formatDateTime(dates.identityValidated, language)}
              testId="history-identity-validated"
            />
            <Field
              label={labels.history.userNotified}
              value={formatDateTime(dates.userNotified, language)}
              testId="history-user-notified"
            />
            <Field
              label={labels.history.closed}
              value={formatDateTime(dates.closed, language)}
              testId="history-closed"
            />
          </dl>
          <h3 className={styles.subhead}>{labels.messagesTitle}</h3>
          <p data-testid="detail-messages">
            {labels.messages(detail.messages)}
            {detail.messages > 0 && (
              <span className={styles.muted}> · {labels.unread(detail.unreadMessages)}</span>
            )}
          </p>
        </section>
      </div>
    </Page>
  );
}

type FactProps = { label: string; children: ReactNode };

function Fact({ label, children }: FactProps) {
  return (
    <div className={styles.fact}>
      <span className={styles.factLabel}>{label}</span>
      <div>{children}</div>
    </div>
  );
}

type FieldProps = { label: string; value: string | null | undefined; testId: string };

/** One labelled value; "—" when Dastra has none. */
function Field({ label, value, testId }: FieldProps) {
  const { t } = useI18n();
  const present = value !== null && value !== undefined && value.trim() !== '';
  return (
    <div className={styles.field}>
      <dt>{label}</dt>
      <dd data-testid={testId} data-empty={!present}>
        {present ? value : t.common.empty}
      </dd>
    </div>
  );
}
