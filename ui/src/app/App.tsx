import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef, type ReactNode } from 'react';

import { useAppInfo, useBackendEvents } from '../api';
import { ErrorState } from '../components/ErrorState';
import { LoadingState } from '../components/LoadingState';
import { guessLanguage, I18nProvider, DICTIONARIES } from '../i18n';
import { navScreenOf, type Route } from '../lib/route';
import { AuditScreen } from '../screens/audit/AuditScreen';
import { ConnectionsScreen } from '../screens/connections/ConnectionsScreen';
import { DiscoveryListScreen } from '../screens/discovery/DiscoveryListScreen';
import { JobScreen } from '../screens/discovery/JobScreen';
import { LaunchScreen } from '../screens/discovery/LaunchScreen';
import { ReviewScreen } from '../screens/discovery/ReviewScreen';
import { DsarDetailScreen } from '../screens/dsar-detail/DsarDetailScreen';
import { ImportsScreen } from '../screens/imports/ImportsScreen';
import { PreviewScreen } from '../screens/imports/PreviewScreen';
import { InboxScreen } from '../screens/inbox/InboxScreen';
import { MappingScreen } from '../screens/mapping/MappingScreen';
import { ActorsScreen } from '../screens/registers/ActorsScreen';
import { AssetsScreen } from '../screens/registers/AssetsScreen';
import { ContractsScreen } from '../screens/registers/ContractsScreen';
import styles from './App.module.css';
import { Header } from './Header';
import { Nav } from './Nav';
import { useRoute } from './useRoute';

type ProvidersProps = { client: QueryClient; children: ReactNode };

/** What every screen needs around it: the query client. */
export function Providers({ client, children }: ProvidersProps) {
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

/** The window: header, navigation and the screen the address names. */
export function App() {
  const info = useAppInfo();
  const [route, navigate] = useRoute();
  useBackendEvents();

  // A new screen, request or page starts at its top (the scrolling area outlives screens).
  const main = useRef<HTMLElement>(null);
  const place = `${route.screen}/${'id' in route ? route.id : ''}/${'jobId' in route ? route.jobId : ''}/${'planId' in route ? route.planId : ''}/${pageOf(route)}`;
  useEffect(() => {
    main.current?.scrollTo?.({ top: 0 });
  }, [place]);

  if (info.isPending || info.isError) {
    const language = guessLanguage();
    return (
      <I18nProvider language={language}>
        {info.isError ? (
          <ErrorState
            title={DICTIONARIES[language].errors.appInfoTitle}
            error={info.error}
            onRetry={() => void info.refetch()}
          />
        ) : (
          <LoadingState />
        )}
      </I18nProvider>
    );
  }

  return (
    <I18nProvider language={info.data.language}>
      <div className={styles.shell}>
        <Header info={info.data} />
        <div className={styles.body}>
          <Nav current={navScreenOf(route)} version={info.data.version} />
          <main className={styles.main} ref={main}>
            <CurrentScreen key={route.screen} route={route} navigate={navigate} />
          </main>
        </div>
      </div>
    </I18nProvider>
  );
}

type ScreenProps = { route: Route; navigate: (to: Route) => void };

function CurrentScreen({ route, navigate }: ScreenProps) {
  switch (route.screen) {
    case 'inbox':
      return (
        <InboxScreen
          state={route.inbox}
          onChange={(inbox) => navigate({ screen: 'inbox', inbox })}
          onOpen={(id) => navigate({ screen: 'dsar', id, inbox: route.inbox })}
        />
      );
    case 'dsar':
      return (
        <DsarDetailScreen
          id={route.id}
          inbox={route.inbox}
          onDiscover={() => navigate({ screen: 'launch', id: route.id, inbox: route.inbox })}
        />
      );
    case 'launch':
      return (
        <LaunchScreen
          id={route.id}
          inbox={route.inbox}
          onStarted={(jobId) => navigate({ screen: 'job', jobId })}
        />
      );
    case 'discovery':
      return <DiscoveryListScreen />;
    case 'job':
      return (
        <JobScreen
          key={route.jobId}
          jobId={route.jobId}
          onReview={() => navigate({ screen: 'review', jobId: route.jobId })}
        />
      );
    case 'review':
      return <ReviewScreen key={route.jobId} jobId={route.jobId} />;
    case 'assets':
      return (
        <AssetsScreen
          state={route.registry}
          onChange={(registry) => navigate({ screen: 'assets', registry })}
        />
      );
    case 'actors':
      return (
        <ActorsScreen
          state={route.registry}
          onChange={(registry) => navigate({ screen: 'actors', registry })}
        />
      );
    case 'contracts':
      return (
        <ContractsScreen
          state={route.registry}
          onChange={(registry) => navigate({ screen: 'contracts', registry })}
        />
      );
    case 'connections':
      return <ConnectionsScreen />;
    case 'imports':
      return <ImportsScreen onOpen={(planId) => navigate({ screen: 'import', planId })} />;
    case 'import':
      return <PreviewScreen key={route.planId} planId={route.planId} />;
    case 'mapping':
      return <MappingScreen onPlan={() => navigate({ screen: 'imports' })} />;
    case 'audit':
      return (
        <AuditScreen
          state={route.audit}
          onChange={(audit) => navigate({ screen: 'audit', audit })}
        />
      );
    default:
      // Every screen of the navigation is built; a planned one would be drawn here.
      return null;
  }
}

function pageOf(route: Route): number {
  if ('inbox' in route) return route.inbox.page;
  if ('registry' in route) return route.registry.page;
  if ('audit' in route) return route.audit.page;
  return 1;
}
