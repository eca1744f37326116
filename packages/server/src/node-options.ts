/**
 * Options for the node process that runs a server, in the order to pass them before the script:
 * `node --initial-old-space-size=64 bin/sluice.js serve`.
 *
 * `--initial-old-space-size=64` lets V8 skip full collections while the old generation is
 * under 64 MiB. A server's long-lived state is mostly in typed arrays outside V8's heap, so its
 * old generation stays near 11 MiB, and V8's limits for so small a generation are tight: with
 * `--trace-incremental-marking`, marking started again soon after each full collection, at 11
 * MiB against a limit of 34 MiB, as the requests in flight that outlive two scavenges were
 * promoted. Under SendMessageBatch load that was a full mark-compact about every 300 ms, each
 * holding the loop for about 5 ms: 16 to 34 in 9 seconds without the option, 2 or 3 with it.
 * The p99 of batches went from 23.3 to 12.7 ms; throughput did not change measurably
 * (docs/benchmarks/analysis.md §1.14). The cost is at most 64 MiB of promoted garbage kept
 * until the first full collection; the peak resident set under 20 s of batches did not grow.
 *
 * Node refuses this option in NODE_OPTIONS and a script cannot set it once V8 has started, and
 * `#!/usr/bin/env -S node ...` fails where env has no -S (BusyBox, so Alpine). So the `sluice`
 * command starts without it, and docs/cli.md gives the command line for servers that carry load.
 */
export const serverNodeOptions: readonly string[] = ['--initial-old-space-size=64'];
