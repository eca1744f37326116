import { stringFlag, booleanFlag } from './arguments.js';
import type { CliContext } from './cli-context.js';
import { ServerError, UsageError } from './cli-errors.js';
import { toCliError } from './classify-error.js';
import type { Invocation } from './command.js';
import { connectSqs, type Sqs } from './sqs-client.js';
import { environmentValue } from './environment.js';
import { getAdminJson } from './admin-client.js';
import { signedAdminHeaders } from './admin-signature.js';

export const endpointDefault = 'http://127.0.0.1:9324';
export const regionDefault = 'us-east-1';

/** Answers that mean "sign this request" from a server with credentials configured. */
const authenticationCodes: ReadonlySet<string> = new Set([
  'MissingAuthenticationToken',
  'AccessDenied',
  'IncompleteSignature',
]);

/** What a client command works with: where the server is, an SDK client for it, the output. */
export interface ClientSession {
  endpoint: string;
  /** The region requests are signed for. */
  region: string;
  /** The SDK and a client for the endpoint, made on first use. */
  sqs(): Promise<Sqs>;
  context: CliContext;
  /**
   * GET on the admin API, signed with SigV4 by the same credentials the SQS calls use, so it works
   * against a server that requires signatures (admin keys).
   */
  adminGet(path: string): Promise<unknown>;
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
    region,
    sqs: () => (sqs ??= connectSqs({ endpoint, region, environment: context.environment })),
    context,
    adminGet: async (path) => {
      // Unsigned first: a local server answers without loading the SDK; one that requires
      // signatures says so, and the request is repeated signed.
      try {
        return await getAdminJson(endpoint, path);
      } catch (error) {
        if (!(error instanceof ServerError) || !authenticationCodes.has(error.code)) throw error;
      }
      const connected = await session.sqs();
      return getAdminJson(
        endpoint,
        path,
        await signedAdminHeaders(connected, endpoint, path, region),
      );
    },
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
