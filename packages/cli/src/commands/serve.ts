import type { ServerConfig, resolveServerConfig } from '@sluice/server';
import { booleanFlag, stringFlag } from '../arguments.js';
import type { CliContext, StopSignal } from '../cli-context.js';
import { CommandError, ConfigurationError, exitCodes } from '../cli-errors.js';
import { helpFlag, type Command, type Invocation } from '../command.js';
import { environmentValue } from '../environment.js';
import { settingFlags } from './serve-flags.js';

/** What `startServer` from @sluice/server returns. */
export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

export type StartServer = (config: ServerConfig) => Promise<RunningServer>;

/**
 * `startServer` was written in @sluice/server alongside this package, so it is looked up at run
 * time with a clear error if missing. Now that it exists this can become a plain import.
 */
export function startServerFrom(serverModule: Readonly<Record<string, unknown>>): StartServer {
  const startServer = serverModule['startServer'];
  if (typeof startServer !== 'function') {
    throw new CommandError(
      'this build of @sluice/server has no startServer, so `serve` cannot run yet',
    );
  }
  return startServer as StartServer;
}

/**
 * What `serve` uses from @sluice/server. Loaded only when `serve` runs, so client commands
 * neither pay for nor depend on the server's module graph (storage, partitions, ...).
 */
export interface ServerApi {
  resolveServerConfig: typeof resolveServerConfig;
  isConfigError(error: unknown): error is Error;
  startServer: StartServer;
}

async function loadServerApi(): Promise<ServerApi> {
  const server = await import('@sluice/server');
  return {
    resolveServerConfig: server.resolveServerConfig,
    isConfigError: (error): error is Error => error instanceof server.ConfigError,
    startServer: startServerFrom(server),
  };
}

/** Exit codes for a second signal: the shell convention 128 + signal number. */
const signalExitCodes: Readonly<Record<StopSignal, number>> = { SIGINT: 130, SIGTERM: 143 };

export function serveCommand(load: () => Promise<ServerApi> = loadServerApi): Command {
  return {
    words: ['serve'],
    summary: 'run a server in this process until SIGINT or SIGTERM',
    positionals: [],
    flags: {
      ...Object.fromEntries(
        Object.entries(settingFlags).map(([flag, setting]) => [
          flag,
          setting.kind === 'boolean'
            ? { type: 'boolean' as const, description: setting.description }
            : { type: 'string' as const, value: setting.value, description: setting.description },
        ]),
      ),
      config: {
        type: 'string',
        value: 'FILE',
        description: 'JSON file of settings (env SLUICE_CONFIG)',
      },
      ...helpFlag,
    },
    examples: [
      'sluice serve',
      'sluice serve --port 9500 --data-dir /var/lib/sluice',
      // A server under load: the node options of @sluice/server's serverNodeOptions (docs/cli.md).
      'node --initial-old-space-size=64 "$(command -v sluice)" serve --data-dir /var/lib/sluice',
    ],
    run: (invocation) => serve(invocation, load),
  };
}

async function serve(invocation: Invocation, load: () => Promise<ServerApi>): Promise<number> {
  const { context } = invocation;
  const server = await load();
  const config = resolveConfig(invocation, server);
  const stopRequested = waitForStopSignal(context);
  let running: RunningServer;
  try {
    running = await server.startServer(config);
  } catch (error) {
    stopRequested.cancel();
    throw server.isConfigError(error) ? new ConfigurationError(error.message) : error;
  }
  context.stdout.write(`sluice listening on ${running.url} (data: ${config.dataDirectory})\n`);
  await stopRequested.signalled;
  context.stdout.write('stopping\n');
  try {
    await running.stop();
  } finally {
    stopRequested.cancel();
  }
  return exitCodes.ok;
}

/** Flags > environment > config file > defaults, as resolveServerConfig orders them. */
function resolveConfig({ flags, context }: Invocation, server: ServerApi): ServerConfig {
  const fromFlags: Record<string, unknown> = {};
  for (const [flag, setting] of Object.entries(settingFlags)) {
    // A boolean setting's flag takes no value: present means true.
    if (setting.kind === 'boolean') {
      if (booleanFlag(flags, flag)) fromFlags[setting.key] = true;
      continue;
    }
    const text = stringFlag(flags, flag);
    if (text === undefined) continue;
    fromFlags[setting.key] = setting.kind === 'integer' ? parseInteger(text) : text;
  }
  try {
    return server.resolveServerConfig({
      flags: fromFlags,
      environment: context.environment,
      configFile:
        stringFlag(flags, 'config') ?? environmentValue(context.environment, 'SLUICE_CONFIG'),
    });
  } catch (error) {
    throw server.isConfigError(error) ? new ConfigurationError(error.message) : error;
  }
}

/** Digits only, so `--port 12abc` or `--port ''` is refused instead of read as a number. */
function parseInteger(text: string): number {
  return /^[0-9]+$/.test(text) ? Number(text) : Number.NaN;
}

interface StopWait {
  /** Resolves on the first SIGINT or SIGTERM. */
  signalled: Promise<StopSignal>;
  /** Removes the listeners, so the process can exit once the server is stopped. */
  cancel(): void;
}

/** The first signal asks for a graceful stop; a second one exits at once. */
function waitForStopSignal(context: CliContext): StopWait {
  const signals: StopSignal[] = ['SIGINT', 'SIGTERM'];
  const listeners = new Map<StopSignal, () => void>();
  let received: StopSignal | undefined;
  const signalled = new Promise<StopSignal>((resolve) => {
    for (const signal of signals) {
      const listener = (): void => {
        if (received !== undefined) context.exit(signalExitCodes[signal]);
        received = signal;
        resolve(signal);
      };
      listeners.set(signal, listener);
      context.signals.on(signal, listener);
    }
  });
  return {
    signalled,
    cancel: () => {
      for (const [signal, listener] of listeners) context.signals.off(signal, listener);
    },
  };
}
