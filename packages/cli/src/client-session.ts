import { stringFlag, booleanFlag } from './arguments.js';
import type { CliContext } from './cli-context.js';
import { UsageError } from './cli-errors.js';
import { toCliError } from './classify-error.js';
import type { Invocation } from './command.js';
import { connectSqs, type Sqs } from './sqs-client.js';
import { environmentValue } from './environment.js';

export const endpointDefault = 'http://127.0.0.1:9324';
export const regionDefault = 'us-east-1';

/** What a client command works with: where the server is, an SDK client for it, the output. */
export interface ClientSession {
  endpoint: string;
  /** The SDK and a client for the endpoint, made on first use. */
  sqs(): Promise<Sqs>;
  context: CliContext;
  /** Prints `document` as JSON under `--json`, else the text `text()` returns. */
  print(document: unknown, text: () => string): void;
}

/**
 * Runs `work` with a session built from the shared client flags, and turns whatever it throws
 * into a CliError that names the endpoint (so "cannot connect" says where it tried).
 */
export async function withClientSession(
  invocation: Invocation,
  work: (session: ClientSession) => Promise<number>,
): Promise<number> {
  const { flags, context } = invocation;
  const endpoint = resolveEndpoint(stringFlag(flags, 'endpoint'), context.environment);
  const region =
    stringFlag(flags, 'region') ??
    environmentValue(context.environment, 'SLUICE_REGION') ??
    regionDefault;
  const json = booleanFlag(flags, 'json');
  let sqs: Promise<Sqs> | undefined;
  const session: ClientSession = {
    endpoint,
    sqs: () => (sqs ??= connectSqs({ endpoint, region, environment: context.environment })),
    context,
    print: (document, text) => context.stdout.write(json ? formatJson(document) : text()),
  };
  try {
    return await work(session);
  } catch (error) {
    throw toCliError(error, endpoint);
  } finally {
    if (sqs !== undefined) (await sqs).client.destroy();
  }
}

/** `--endpoint`, else SLUICE_ENDPOINT, else the local default; must be an http(s) URL. */
export function resolveEndpoint(flag: string | undefined, environment: NodeJS.ProcessEnv): string {
  const text = flag ?? environmentValue(environment, 'SLUICE_ENDPOINT') ?? endpointDefault;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`endpoint "${text}" is not a URL like ${endpointDefault}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`endpoint "${text}" must start with http:// or https://`);
  }
  return text.replace(/\/+$/, '');
}

/** One JSON document, indented for people, ending in a newline. */
export function formatJson(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
