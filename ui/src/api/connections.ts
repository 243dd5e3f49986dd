// Connection profiles and the current workspace. Secrets only go in (save, test a draft, list a
// key's workspaces): no response carries one, so nothing here can show one.

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { ConnectionDraftTestRequest } from '../bindings/ConnectionDraftTestRequest';
import type { ConnectionSaveRequest } from '../bindings/ConnectionSaveRequest';
import type { DastraWorkspacesRequest } from '../bindings/DastraWorkspacesRequest';
import { call } from './ipc';
import { queryKeys } from './queryKeys';

/** Every profile, the built-in sandbox first, with its secret's status and last test. */
export function useConnections() {
  return useQuery({
    queryKey: queryKeys.connections(),
    queryFn: () => call('connections_list', {}),
  });
}

/** Create (no id) or update a profile; `secret` absent keeps the stored one. */
export function useSaveConnection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (req: ConnectionSaveRequest) => call('connections_save', req),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.connections() }),
  });
}

/** Delete a profile and its keyring entry; answers with the list that remains. */
export function useDeleteConnection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call('connections_delete', { id }),
    onSuccess: (list) => client.setQueryData(queryKeys.connections(), list),
  });
}

/** Test a saved profile with its stored secret; the list then shows the last result. */
export function useTestConnection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call('connections_test', { id }),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.connections() }),
  });
}

/** Test what the form holds, before saving it. */
export function useTestDraft() {
  return useMutation({
    mutationFn: (req: ConnectionDraftTestRequest) => call('connections_test_draft', req),
  });
}

/** Remove a profile's secret from the keyring. */
export function useDeleteSecret() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call('connections_secret_delete', { id }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.connections() }),
  });
}

/** The workspaces a Dastra key opens, to pick one in the form. */
export function useDastraWorkspaces() {
  return useMutation({
    mutationFn: (req: DastraWorkspacesRequest) => call('dastra_workspaces', req),
  });
}

/** These profiles (all when empty) as JSON, without any secret. */
export function useExportConnections() {
  return useMutation({
    mutationFn: (ids: string[]) => call('connections_export', { ids }),
  });
}

/** Add the profiles of an export; their secrets must be entered again. */
export function useImportConnections() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (json: string) => call('connections_import', { json }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.connections() }),
  });
}

/**
 * Make a Dastra workspace profile the current one, then reload every screen. The backend also
 * emits `workspace_changed`, which reloads everything too (see `useBackendEvents`); reloading
 * here as well keeps the window right should the event be missed, and a fetch already running
 * is not started twice.
 */
export function useSwitchWorkspace() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call('workspace_switch', { id }),
    onSuccess: async (info) => {
      client.setQueryData(queryKeys.appInfo(), info);
      await client.invalidateQueries(undefined, { cancelRefetch: false });
    },
  });
}
