// The mapping studio's backend: the entities and their fields, a source opened, suggestions,
// the live preview, and the saved profiles (saving, duplicating and importing refresh the list).

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { MappingPreviewRequest } from '../bindings/MappingPreviewRequest';
import type { MappingSuggestRequest } from '../bindings/MappingSuggestRequest';
import type { ProfileDuplicateRequest } from '../bindings/ProfileDuplicateRequest';
import type { ProfileExportRequest } from '../bindings/ProfileExportRequest';
import type { ProfileGetRequest } from '../bindings/ProfileGetRequest';
import type { ProfileImportRequest } from '../bindings/ProfileImportRequest';
import type { Profile } from '../bindings/Profile';
import type { SourceSpecDto } from '../bindings/SourceSpecDto';
import { call } from './ipc';
import { queryKeys } from './queryKeys';

/** Assets, contracts and actors with their fields, from Dastra's contract (never changes). */
export function useMappingTargets() {
  return useQuery({
    queryKey: queryKeys.mappingTargets(),
    queryFn: () => call('mapping_targets', {}),
    staleTime: Infinity,
  });
}

/** Read a source's columns, sample values and record count. */
export function useOpenSource() {
  return useMutation({
    mutationFn: (source: SourceSpecDto) => call('mapping_source_open', { source }),
  });
}

export function useSuggest() {
  return useMutation({
    mutationFn: (req: MappingSuggestRequest) => call('mapping_suggest', req),
  });
}

/** The first records after the profile's transforms; the last table stays while the next loads. */
export function useMappingPreview(req: MappingPreviewRequest | null) {
  return useQuery({
    queryKey: queryKeys.mappingPreview(req),
    queryFn: () => call('mapping_preview', req as MappingPreviewRequest),
    enabled: req !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useProfiles() {
  return useQuery({
    queryKey: queryKeys.mappingProfiles(),
    queryFn: () => call('mapping_profile_list', {}),
  });
}

function useRefreshingList<Req, Res>(fn: (req: Req) => Promise<Res>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => void client.invalidateQueries({ queryKey: queryKeys.mappingProfiles() }),
  });
}

export const useSaveProfile = () =>
  useRefreshingList((profile: Profile) => call('mapping_profile_save', { profile }));
export const useDuplicateProfile = () =>
  useRefreshingList((req: ProfileDuplicateRequest) => call('mapping_profile_duplicate', req));
export const useImportProfile = () =>
  useRefreshingList((req: ProfileImportRequest) => call('mapping_profile_import', req));

export function useExportProfile() {
  return useMutation({
    mutationFn: (req: ProfileExportRequest) => call('mapping_profile_export', req),
  });
}

export function useGetProfile() {
  return useMutation({ mutationFn: (req: ProfileGetRequest) => call('mapping_profile_get', req) });
}
