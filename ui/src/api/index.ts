// The backend, as the screens see it: typed commands, events and query hooks.
export { call, listen, IpcError, type CommandName, type EventName } from './ipc';
export { queryKeys } from './queryKeys';
export * from './hooks';
export * from './connections';
export * from './discovery';
export * from './evidence';
export * from './imports';
export * from './mapping';
export { pickPath, type FileFilter, type PickKind } from './dialog';
