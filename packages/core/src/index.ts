export type { Brand, Writable } from './brand.js';
export { type Clock, systemClock, ManualClock } from './clock.js';
export { Prng, testSeed } from './prng.js';
export { sqsLimits, storageLimits, cliLimits, authLimits } from './limits.js';
export {
  historyFields,
  type HistoryColumns,
  type HistoryDocument,
  type HistoryField,
  type OverviewDocument,
  type PeekDocument,
  type PeekedMessage,
  type QueueOverview,
  type ServerOverview,
  type ServerVitalsReading,
} from './admin-documents.js';
export { loadNativeFunction, loadNativeModule } from './native-module.js';
