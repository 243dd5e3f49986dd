// Query keys, one builder per command: the first element is the command's name, so a backend
// event can invalidate every query of a command at once.

import type { AuditListRequest } from '../bindings/AuditListRequest';
import type { DsarListRequest } from '../bindings/DsarListRequest';
import type { ImportRowsRequest } from '../bindings/ImportRowsRequest';
import type { MappingPreviewRequest } from '../bindings/MappingPreviewRequest';
import type { RegistryListRequest } from '../bindings/RegistryListRequest';

export const queryKeys = {
  appInfo: () => ['app_info'] as const,
  dsarList: (req: DsarListRequest) => ['dsar_list', req] as const,
  dsar: (id: number) => ['dsar_get', id] as const,
  assetList: (req: RegistryListRequest) => ['asset_list', req] as const,
  actorList: (req: RegistryListRequest) => ['actor_list', req] as const,
  contractList: (req: RegistryListRequest) => ['contract_list', req] as const,
  connections: () => ['connections_list'] as const,
  discoveryPlan: (requestId: number) => ['discovery_prepare', requestId] as const,
  recentJobs: () => ['discovery_recent'] as const,
  job: (jobId: string) => ['discovery_job', jobId] as const,
  review: (jobId: string) => ['review_list', jobId] as const,
  auditList: (req: AuditListRequest) => ['audit_list', req] as const,
  importView: (planId: string) => ['import_get', planId] as const,
  importRows: (req: ImportRowsRequest) => ['import_rows', req] as const,
  importHistory: () => ['import_history'] as const,
  mappingTargets: () => ['mapping_targets'] as const,
  mappingPreview: (req: MappingPreviewRequest | null) => ['mapping_preview', req] as const,
  mappingProfiles: () => ['mapping_profile_list'] as const,
  package: (jobId: string) => ['package_get', jobId] as const,
  workflow: (requestId: number) => ['dsar_workflow', requestId] as const,
};
