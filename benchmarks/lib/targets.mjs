// The issue-6 targets, checked against one comparison run. Each target is { met, conclusive,
// text }: met or missed and by how much, or not conclusive when the CPU the host took away
// (steal) while the point that came out behind ran could account for the whole gap.
const durablePeers = ['rabbitmq-quorum', 'bullmq-always', 'pg-boss'];
const comparedWorkloads = ['send1KiB', 'batch10x1KiB', 'drain'];

const rate = (row, key) => {
  const result = row?.results[key];
  return result?.error === undefined ? result?.messagesPerSecond : undefined;
};
const round = (number) => Math.round(number).toLocaleString('en-US');
const percent = (part, whole) => `${Math.round((part / whole) * 100)}%`;

/**
 * How many times faster a point could have run without the steal measured during it. Steal is
 * read over all the machine's cores (/proc/stat), so the one core a server is pinned to lost at
 * most `cores` times that share; past the whole core, nothing bounds it.
 */
export function stealAllowance(stealPercent, cores) {
  const lostShare = ((stealPercent ?? 0) / 100) * cores;
  return lostShare >= 1 ? Infinity : 1 / (1 - lostShare);
}

/**
 * `behind` is the throughput that came out lower (Sluice's when missed, the other side's when
 * met), `ahead` the one it is compared with. The side ahead is not questioned: steal only ever
 * slows a point down.
 */
function judged(met, behind, ahead, steal, cores, text) {
  if (!(steal > 0) || behind * stealAllowance(steal, cores) < ahead) {
    return { met, conclusive: true, text };
  }
  return {
    met: false,
    conclusive: false,
    text: `${text}; not conclusive: the point behind ran at ${steal}% CPU steal, which could account for the gap`,
  };
}

export function evaluateTargets(document) {
  const cores = document.machine?.cores ?? 1;
  const byId = Object.fromEntries(document.rows.map((row) => [row.id, row]));
  const stealOf = (row, key) => row?.results[key]?.stealPercent ?? 0;
  const sluice = byId['sluice-undici'];
  if (sluice === undefined) {
    return [{ met: false, conclusive: true, text: 'Sluice was not measured' }];
  }
  // The durable floor (lib/durable-floor-server.mjs) in the same run: how much of the machine's
  // hour the required work alone leaves, so a miss can be told apart from a slow hour.
  const floorNote = (key) => {
    const floor = rate(byId.floor, key);
    const ours = rate(sluice, key);
    if (floor === undefined || ours === undefined) return '';
    return `; the durable floor in the same run: ${round(floor)} msg/s (Sluice at ${percent(ours, floor)} of it)`;
  };

  const atLeast = (name, key, goal) => {
    const actual = rate(sluice, key);
    if (actual === undefined)
      return { met: false, conclusive: true, text: `${name}: not measured` };
    const met = actual >= goal;
    const gap = met ? '' : `, missed by ${percent(goal - actual, goal)}`;
    const text = `${name}: ${round(actual)} msg/s (target >= ${round(goal)}${gap})${floorNote(key)}`;
    if (met) return { met, conclusive: true, text };
    return judged(met, actual, goal, stealOf(sluice, key), cores, text);
  };

  const targets = [];
  const send = rate(sluice, 'send1KiB');
  const baseline = rate(byId.baseline, 'send1KiB');
  if (send !== undefined && baseline !== undefined) {
    const text = `SendMessage (lean client) at ${percent(send, baseline)} of the node:http POST rate measured in the same run (target >= 50%)`;
    if (send > baseline) {
      // A baseline below Sluice itself means the baseline's core was taken by something else
      // while it ran (a shared machine): the ratio is then no evidence either way.
      targets.push({
        met: false,
        conclusive: false,
        text: `${text}; not conclusive: the baseline measured below Sluice, so its core was busy with other work while it ran`,
      });
    } else if (send >= baseline / 2) {
      // Met, unless the baseline's steal kept it under twice Sluice's rate.
      const steal = stealOf(byId.baseline, 'send1KiB');
      targets.push(judged(true, baseline / 2, send, steal, cores, text));
    } else {
      targets.push(judged(false, send, baseline / 2, stealOf(sluice, 'send1KiB'), cores, text));
    }
  }
  targets.push(atLeast('SendMessage (lean client)', 'send1KiB', 15_000));
  targets.push(atLeast('SendMessageBatch 10 x 1 KiB', 'batch10x1KiB', 100_000));
  targets.push(atLeast('Drain (receive + delete)', 'drain', 100_000));
  const latency = sluice.results.latency5k;
  if (latency?.latencyMs !== undefined) {
    // Latency is not a rate that steal scales; a miss measured under steal is reported as it is,
    // with the steal, for the reader to weigh.
    const { p50, p99 } = latency.latencyMs;
    const steal = latency.stealPercent ?? 0;
    const rounds =
      latency.rounds === undefined
        ? ''
        : ` (the median of ${latency.rounds.length} rounds by p99; p99 per round ${latency.rounds.map((value) => (value === null ? 'error' : `${value} ms`)).join(', ')})`;
    targets.push({
      met: p50 < 2 && p99 < 10,
      conclusive: true,
      text: `latency at 5,000 msg/s: p50 ${p50} ms (target < 2), p99 ${p99} ms (target < 10)${steal > 0 ? ` at ${steal}% CPU steal` : ''}${rounds}`,
    });
  }
  for (const peerId of durablePeers) {
    const peer = byId[peerId];
    if (peer === undefined) continue;
    for (const key of comparedWorkloads) {
      const ours = rate(sluice, key);
      const theirs = rate(peer, key);
      if (ours === undefined || theirs === undefined) continue;
      const met = ours > theirs;
      const text = `${key} ahead of ${peer.label}: ${round(ours)} vs ${round(theirs)} msg/s (${(ours / theirs).toFixed(2)}x)${met ? '' : floorNote(key)}`;
      targets.push(
        met
          ? judged(true, theirs, ours, stealOf(peer, key), cores, text)
          : judged(false, ours, theirs, stealOf(sluice, key), cores, text),
      );
    }
  }
  return targets;
}
