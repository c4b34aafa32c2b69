// Public API of the RongCloud Server API emulator.

export type {
  CallCount,
  CallCounts,
  EmulatorState,
  GroupMessage,
  GroupRef,
  GroupSnapshot,
  UserSnapshot,
} from './emulator-state.ts';
export { API_ENDPOINTS, type ApiEndpoint } from './endpoints.ts';
export { type FaultSpec, FaultSpecError } from './fault-spec.ts';
export type { GroupMutesSnapshot } from './mute-state.ts';
export type { CallRecord, EmulatorOptions, ServerTimeZone } from './options.ts';
export { computeSignature } from './signature.ts';
export { type RunningEmulator, startEmulator } from './start-emulator.ts';
