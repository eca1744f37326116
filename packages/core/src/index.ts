export type { Brand } from './brand.js';
export { type Clock, systemClock, ManualClock } from './clock.js';
export { Prng, testSeed } from './prng.js';
export { sqsLimits, storageLimits, cliLimits, authLimits } from './limits.js';
