import type { Command } from '../command.js';
import { benchCommand } from './bench.js';
import { peekCommand } from './peek.js';
import { queueAttributesCommand } from './queue-attributes.js';
import { queueCreateCommand } from './queue-create.js';
import { queueDeleteCommand } from './queue-delete.js';
import { queueListCommand } from './queue-list.js';
import { queuePurgeCommand } from './queue-purge.js';
import { receiveCommand } from './receive.js';
import { sendCommand } from './send.js';
import { serveCommand } from './serve.js';
import { statusCommand } from './status.js';
import { topCommand } from './top.js';

/** Every command, in the order the general help lists them. */
export const allCommands: readonly Command[] = [
  serveCommand(),
  queueCreateCommand,
  queueListCommand,
  queueAttributesCommand,
  queuePurgeCommand,
  queueDeleteCommand,
  sendCommand,
  receiveCommand,
  peekCommand,
  statusCommand,
  topCommand,
  benchCommand,
];
