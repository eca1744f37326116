import { aesCmacMethod } from '@sluice/partition';
import { bodyDigestMethod } from '@sluice/protocol';

/**
 * Which implementation of each hot hash this process uses: the native modules where
 * scripts/build-native.mjs built them and the CPU has the instructions, else node:crypto.
 * Logged at startup and exported as sluice_native_code_info, so a slow deployment can tell a
 * build that fell back (no compiler, another CPU) from one that did not.
 */
export const nativeCode = {
  bodyDigest: bodyDigestMethod,
  receiptTags: aesCmacMethod,
} as const;
