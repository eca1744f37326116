#!/usr/bin/env node
// Entry point of the `sluice` command; the implementation is compiled TypeScript in dist/.
import { main } from '../dist/index.js';

process.exitCode = await main(process.argv.slice(2));
