// The evidence package of a job, its upload to the request in Dastra, and the audit log.
// Building writes a zip on this computer and answers with its report; attaching sends it and,
// as the DPO chooses, changes the request, so the request's queries are reloaded after.

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { AuditListRequest } from '../bindings/AuditListRequest';
import type { PackageAttachRequest } from '../bindings/PackageAttachRequest';
import { call } from './ipc';
import { queryKeys } from './queryKeys';

/** Build (or build again) a job's package from its reviews as they are now. */
export function useBuildPackage(jobId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => call('package_build', { jobId }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['audit_list'] }),
  });
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
