import { createRequire } from 'node:module';

/**
 * The exports of one of Sluice's optional native modules (scripts/build-native.mjs), or
 * undefined where the module was not built or reports that this CPU lacks what it needs (its
 * `supported` export): the caller then uses its node:crypto implementation.
 *
 * @param from the caller's import.meta.url, against which `path` resolves
 */
export function loadNativeModule(
  from: string,
  path: string,
): Readonly<Record<string, unknown>> | undefined {
  try {
    const native = createRequire(from)(path) as Readonly<Record<string, unknown>>;
    return native['supported'] === true ? native : undefined;
  } catch {
    return undefined;
  }
}

/** One function of a native module, as loadNativeModule finds the module. */
export function loadNativeFunction<Function_>(
  from: string,
  path: string,
  name: string,
): Function_ | undefined {
  return loadNativeModule(from, path)?.[name] as Function_ | undefined;
}
