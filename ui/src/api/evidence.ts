// The evidence package of a job, its upload to the request in Dastra, and the audit log.
// Building writes a zip on this computer and answers with its report; attaching sends it and,
// as the DPO chooses, changes the request, so the request's queries are reloaded after.

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

import type { AttachProgressEvent } from '../bindings/AttachProgressEvent';
import type { AuditListRequest } from '../bindings/AuditListRequest';
import type { PackageAttachRequest } from '../bindings/PackageAttachRequest';
import { call, listen } from './ipc';
import { queryKeys } from './queryKeys';

/** Build (or build again) a job's package from its reviews as they are now. */
export function useBuildPackage(jobId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => call('package_build', { jobId }),
    onSuccess: (pkg) => {
      client.setQueryData(queryKeys.package(jobId), { package: pkg });
      void client.invalidateQueries({ queryKey: ['audit_list'] });
    },
  });
}

/** The package built last from a job, still on this computer: it outlives a reload. */
export function usePackage(jobId: string) {
  return useQuery({
    queryKey: queryKeys.package(jobId),
    queryFn: () => call('package_get', { jobId }),
    staleTime: Infinity,
  });
}

/** The steps of the requests' workflow and where the request stands. */
export function useWorkflow(requestId: number) {
  return useQuery({
    queryKey: queryKeys.workflow(requestId),
    queryFn: () => call('dsar_workflow', { requestId }),
    staleTime: 0,
    retry: false,
  });
}

/** How far an upload is: bytes sent out of the total. */
export type UploadProgress = { sent: number; total: number };

/** The share sent, from 0 to 100, rounded down (100 only once every byte is sent). */
export function uploadPercent(progress: UploadProgress): number {
  if (progress.total <= 0) return progress.sent > 0 ? 100 : 0;
  return Math.min(100, Math.floor((progress.sent * 100) / progress.total));
}

/** The latest `attach_progress` of `fileName`, while the dialog that sends it is open. */
export function useUploadProgress(fileName: string): UploadProgress | null {
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  useEffect(() => {
    let stop: (() => void) | null = null;
    let cancelled = false;
    listen('attach_progress', (event: AttachProgressEvent) => {
      if (event.fileName === fileName) setProgress({ sent: event.sent, total: event.total });
    })
      .then((unlisten) => {
        if (cancelled) unlisten();
        else stop = unlisten;
      })
      // Outside Tauri there are no events: the dialog says "sending" without a share.
      .catch(() => undefined);
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [fileName]);
  return progress;
}

/**
 * Send a built package to its request and apply the chosen changes. Whatever the outcome, the
 * request is read again: an upload that failed halfway may still have landed.
 */
export function useAttachPackage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (req: PackageAttachRequest) => call('package_attach', req),
    onSettled: (_data, _error, req) =>
      Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.dsar(req.requestId) }),
        client.invalidateQueries({ queryKey: ['dsar_list'] }),
        client.invalidateQueries({ queryKey: ['audit_list'] }),
        client.invalidateQueries({ queryKey: queryKeys.workflow(req.requestId) }),
      ]),
  });
}

/** A page of the audit log, newest first; the previous page stays while the next one loads. */
export function useAuditList(req: AuditListRequest) {
  return useQuery({
    queryKey: queryKeys.auditList(req),
    queryFn: () => call('audit_list', req),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/** Check every link of the audit chain. */
export function useVerifyAudit() {
  return useMutation({ mutationFn: () => call('audit_verify', {}) });
}

/**
 * Write the whole log to a new file in the Downloads folder, or to the file chosen in the save
 * dialog (`path`); the answer says where.
 */
export function useExportAudit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (req: { format: 'json' | 'csv'; path?: string }) => call('audit_export', req),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['audit_list'] }),
  });
}
