// Dastra's enum values as they travel over IPC (the wire names of Dastra's contract, see
// src-tauri/crates/dastra/src/models/generated.rs). The UI translates them; a value this list
// does not know (a newer Dastra) is shown as sent rather than hidden.

export const DSR_STATES = ['Open', 'IdentityValidation', 'Processing', 'Active', 'Closed'] as const;
export type DsrState = (typeof DSR_STATES)[number];

export const DSR_PURPOSES = [
  'Access',
  'Erasure',
  'Rectification',
  'Opposition',
  'Restriction',
  'Portability',
  'Information',
  'AutomatedDecision',
  'AdvanceDirectives',
  'Unknown',
] as const;
export type DsrPurpose = (typeof DSR_PURPOSES)[number];

export const DSR_CHANNELS = [
  'Internal',
  'Form',
  'Widget',
  'POP3',
  'IMAP',
  'Import',
  'Zapier',
  'IncomingEmail',
] as const;
export type DsrChannel = (typeof DSR_CHANNELS)[number];

export const PERSON_CATEGORIES = [
  'Prospect',
  'Client',
  'FormerClient',
  'ParticularPerson',
  'Employee',
  'Candidate',
  'ExternalProvider',
  'ExternalServiceProvider',
  'Other',
  'TemporaryWorker',
  'Agent',
  'ElectedRepresentative',
  'PublicServiceUser',
  'Visitors',
  'OldEmployee',
  'EndUsers',
  'Citizen',
  'Patient',
  'HealthProfessional',
  'Students',
  'AgedPeople',
  'Member',
  'Beneficiary',
  'Child',
  'InternetUsers',
] as const;
export type PersonCategory = (typeof PERSON_CATEGORIES)[number];

export const ASSET_TYPES = [
  'Software',
  'Building',
  'Network',
  'Material',
  'Data',
  'People',
  'Process',
] as const;
export type AssetType = (typeof ASSET_TYPES)[number];

export const APPLICATION_TYPES = ['Software', 'WebApp', 'Saas', 'Module', 'Other'] as const;
export type ApplicationType = (typeof APPLICATION_TYPES)[number];

export const APPLICATION_STATES = ['InProduction', 'InDevelopment', 'Stopped'] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

export const HOSTING_TYPES = ['InHouse', 'OutSourced'] as const;
export type HostingType = (typeof HOSTING_TYPES)[number];

export const ACTOR_TYPES = ['Physical', 'Morale'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export const CONTRACT_STATES = ['Draft', 'Active', 'Expired', 'Terminated'] as const;
export type ContractState = (typeof CONTRACT_STATES)[number];

export const CONTRACT_TYPES = [
  'DataProcessingAgreement',
  'ServiceAgreement',
  'Licence',
  'NonDisclosure',
  'JointControllerAgreement',
  'Other',
] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

/** The label of `value` in `labels`, or the value itself when Dastra sent one we do not know. */
export function enumLabel<K extends string>(labels: Record<K, string>, value: string): string {
  return Object.prototype.hasOwnProperty.call(labels, value) ? labels[value as K] : value;
}
