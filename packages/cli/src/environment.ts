/** An environment variable's value, treating set-but-empty (`SLUICE_ENDPOINT=`) as unset. */
export function environmentValue(environment: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = environment[name];
  return value === undefined || value === '' ? undefined : value;
}
