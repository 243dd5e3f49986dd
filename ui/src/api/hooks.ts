// TanStack Query hooks over the typed commands: screens read backend data only through these.
// Every workspace query is refetched when the backend says the workspace changed.

import {
  keepPreviousData,
  QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useEffect } from 'react';

import type { DsarListRequest } from '../bindings/DsarListRequest';
import type { RegistryListRequest } from '../bindings/RegistryListRequest';
import type { SettingsUpdateRequest } from '../bindings/SettingsUpdateRequest';
import { invalidateJob } from './discovery';
import { invalidateImport } from './imports';
import { call, listen, type IpcError } from './ipc';
import { queryKeys } from './queryKeys';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: IpcError;
  }
}

/**
 * The client the app uses. The backend already retries what is worth retrying (the Dastra
 * client has its own retry and rate budget), so the UI does not; and a desktop window regaining
 * focus is no reason to reload a list.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
}

/** Version, language and workspace, as the header shows them. */
export function useAppInfo() {
  return useQuery({
    queryKey: queryKeys.appInfo(),
    queryFn: () => call('app_info', {}),
    staleTime: Infinity,
  });
}

/** Change a preference, then read app_info again (the language it resolves to may change). */
export function useUpdateSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (req: SettingsUpdateRequest) => call('settings_update', req),
    onSuccess: async (info) => {
      client.setQueryData(queryKeys.appInfo(), info);
      await client.invalidateQueries({ queryKey: queryKeys.appInfo() });
    },
  });
}

/** One page of the DSAR inbox; the previous page stays on screen while the next one loads. */
export function useDsarList(req: DsarListRequest) {
  return useQuery({
    queryKey: queryKeys.dsarList(req),
    queryFn: () => call('dsar_list', req),
    placeholderData: keepPreviousData,
  });
}

/** One request in full. */
export function useDsar(id: number) {
  return useQuery({ queryKey: queryKeys.dsar(id), queryFn: () => call('dsar_get', { id }) });
}

export function useAssetList(req: RegistryListRequest) {
  return useQuery({
    queryKey: queryKeys.assetList(req),
    queryFn: () => call('asset_list', req),
    placeholderData: keepPreviousData,
  });
}

export function useActorList(req: RegistryListRequest) {
  return useQuery({
    queryKey: queryKeys.actorList(req),
    queryFn: () => call('actor_list', req),
    placeholderData: keepPreviousData,
  });
}

export function useContractList(req: RegistryListRequest) {
  return useQuery({
    queryKey: queryKeys.contractList(req),
    queryFn: () => call('contract_list', req),
    placeholderData: keepPreviousData,
  });
}

/**
 * Reload everything when the backend switches workspace, and what depends on a job when it
 * stops. Mount once, near the root.
 */
export function useBackendEvents(): void {
  const client = useQueryClient();
  useEffect(() => {
    const stops: (() => void)[] = [];
    let cancelled = false;
    const keep = (unlisten: () => void) => {
      if (cancelled) unlisten();
      else stops.push(unlisten);
    };
    // Outside Tauri (a plain browser) there are no events; the screens still work on demand.
    const ignore = () => undefined;
    listen('workspace_changed', () => {
      void client.invalidateQueries();
    })
      .then(keep)
      .catch(ignore);
    listen('job_finished', (event) => {
      void invalidateJob(client, event.jobId);
    })
      .then(keep)
      .catch(ignore);
    // An import wrote to (or undid) a register: its lists and the import are read again.
    listen('import_finished', (event) => {
      void invalidateImport(client, event.planId);
      for (const list of ['asset_list', 'actor_list', 'contract_list']) {
        void client.invalidateQueries({ queryKey: [list] });
      }
    })
      .then(keep)
      .catch(ignore);
    return () => {
      cancelled = true;
      stops.forEach((stop) => stop());
    };
  }, [client]);
}
