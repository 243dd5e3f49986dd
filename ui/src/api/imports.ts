// Imports: a plan made from a profile and a source, its rows paged and filtered by the
// backend, the DPO's choices, and an apply or undo whose progress comes as `import_progress`
// events; `import_finished` (heard in `useBackendEvents`) reloads the import, its rows, the
// history and the registers.

import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { useEffect, useState } from 'react';

import type { ImportChooseRequest } from '../bindings/ImportChooseRequest';
import type { ImportPlanRequest } from '../bindings/ImportPlanRequest';
import type { ImportProgressEvent } from '../bindings/ImportProgressEvent';
import type { ImportRowsRequest } from '../bindings/ImportRowsRequest';
import type { ImportView } from '../bindings/ImportView';
import { call, listen } from './ipc';
import { queryKeys } from './queryKeys';

/** One import: its counts and where it stands. */
export function useImport(planId: string) {
  return useQuery({
    queryKey: queryKeys.importView(planId),
    queryFn: () => call('import_get', { planId }),
    staleTime: 0,
  });
}

/** One page of an import's rows, as filtered by the backend. */
export function useImportRows(req: ImportRowsRequest, enabled = true) {
  return useQuery({
    queryKey: queryKeys.importRows(req),
    queryFn: () => call('import_rows', req),
    placeholderData: keepPreviousData,
    staleTime: 0,
    enabled,
  });
}

/** Past imports, newest first. */
export function useImportHistory() {
  return useQuery({
    queryKey: queryKeys.importHistory(),
    queryFn: () => call('import_history', {}),
    staleTime: 0,
  });
}

/** Everything shown of an import is read again. */
export function invalidateImport(client: QueryClient, planId: string) {
  return Promise.all([
    client.invalidateQueries({ queryKey: queryKeys.importView(planId) }),
    client.invalidateQueries({ queryKey: ['import_rows'] }),
    client.invalidateQueries({ queryKey: queryKeys.importHistory() }),
  ]);
}

function useImportMutation<Req>(run: (req: Req) => Promise<ImportView>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (view) => {
      client.setQueryData(queryKeys.importView(view.planId), view);
      void invalidateImport(client, view.planId);
    },
  });
}

/** Plan an import; the caller opens its preview with the answer. */
export function usePlanImport() {
  return useImportMutation((req: ImportPlanRequest) => call('import_plan', req));
}

/** Select, deselect or resolve rows. */
export function useChooseRows() {
  return useImportMutation((req: ImportChooseRequest) => call('import_choose', req));
}

/** Start applying. */
export function useApplyImport() {
  return useImportMutation((planId: string) => call('import_apply', { planId }));
}

/** Stop the run at the next row. */
export function useCancelImport() {
  return useImportMutation((planId: string) => call('import_cancel', { planId }));
}

/** Start undoing. */
export function useUndoImport() {
  return useImportMutation((planId: string) => call('import_undo', { planId }));
}

/** The last progress of an apply or undo of `planId` heard in this window. */
export function useImportProgress(planId: string): ImportProgressEvent | null {
  const [progress, setProgress] = useState<ImportProgressEvent | null>(null);
  useEffect(() => {
    let stop: (() => void) | null = null;
    let cancelled = false;
    const ignore = () => undefined;
    listen('import_progress', (event) => {
      if (event.planId === planId) setProgress(event);
    })
      .then((u) => (cancelled ? u() : (stop = u)))
      .catch(ignore);
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [planId]);
  return progress;
}
