import { useEffect, useRef, useState } from 'react';

import { useConnections } from '../../api';
import { Button } from '../../components/Button';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n';
import { ConnectionForm } from './ConnectionForm';
import { ConnectionList } from './ConnectionList';
import styles from './Connections.module.css';

/** The list, or the form of a new (`id` absent) or saved profile. */
type Mode = { view: 'list' } | { view: 'form'; id?: string };

/**
 * Connections: the Dastra workspaces and data sources Passerelle may open, their secrets kept
 * in the OS keyring. The list and the form are two states of this one screen.
 */
export function ConnectionsScreen() {
  const { t } = useI18n();
  const words = t.connections;
  const connections = useConnections();
  const [mode, setMode] = useState<Mode>({ view: 'list' });
  const [notice, setNotice] = useState<string | null>(null);
  const top = useRef<HTMLDivElement>(null);

  // The list and the form each start at their top (the scrolling area is the window's).
  useEffect(() => {
    top.current?.scrollIntoView?.({ block: 'start' });
  }, [mode]);

  const list = connections.data?.items;
  const editing = mode.view === 'form' ? mode.id : undefined;
  const profile = editing === undefined ? undefined : list?.find((c) => c.id === editing);

  // A profile deleted meanwhile (elsewhere) has no form to show: back to the list.
  const gone = editing !== undefined && !profile && !connections.isPending;
  useEffect(() => {
    if (gone) setMode({ view: 'list' });
  }, [gone]);

  if (mode.view === 'form') {
    if (editing !== undefined && !profile) return <LoadingState />;
    return (
      <div ref={top}>
        <ConnectionForm
          key={mode.id ?? 'new'}
          profile={profile}
          onSaved={(saved) => {
            setNotice(words.notice.saved(saved.name));
            setMode({ view: 'list' });
          }}
          onCancel={() => setMode({ view: 'list' })}
        />
      </div>
    );
  }

  return (
    <div ref={top}>
      <Page title={words.title} aside={list && words.total(list.length)}>
        <p className={styles.intro}>{words.intro}</p>
        {notice && (
          <div className={styles.notice} role="status" data-testid="connections-notice">
            <span>{notice}</span>
            <Button variant="ghost" onClick={() => setNotice(null)}>
              {words.notice.dismiss}
            </Button>
          </div>
        )}
        {connections.isError ? (
          <ErrorState
            title={words.errorTitle}
            error={connections.error}
            onRetry={() => void connections.refetch()}
          />
        ) : !list ? (
          <LoadingState />
        ) : (
          <ConnectionList
            connections={list}
            onNew={() => {
              setNotice(null);
              setMode({ view: 'form' });
            }}
            onEdit={(id) => {
              setNotice(null);
              setMode({ view: 'form', id });
            }}
            onNotice={setNotice}
          />
        )}
      </Page>
    </div>
  );
}
