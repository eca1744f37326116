// The issue-6 targets, checked against one comparison run: each says met or missed and by how much.
const durablePeers = ['rabbitmq-quorum', 'bullmq-always', 'pg-boss'];
const comparedWorkloads = ['send1KiB', 'batch10x1KiB', 'drain'];

const rate = (row, key) => {
  const result = row?.results[key];
  return result?.error === undefined ? result?.messagesPerSecond : undefined;
};
const round = (number) => Math.round(number).toLocaleString('en-US');
const percent = (part, whole) => `${Math.round((part / whole) * 100)}%`;

function atLeast(name, actual, goal, unit) {
  if (actual === undefined) return { met: false, text: `${name}: not measured` };
  const met = actual >= goal;
  const gap = met ? '' : `, missed by ${percent(goal - actual, goal)}`;
  return { met, text: `${name}: ${round(actual)} ${unit} (target >= ${round(goal)}${gap})` };
}

export function evaluateTargets(document) {
  const byId = Object.fromEntries(document.rows.map((row) => [row.id, row]));
  const sluice = byId['sluice-undici'];
  if (sluice === undefined) return [{ met: false, text: 'Sluice was not measured' }];
  const targets = [];
  const send = rate(sluice, 'send1KiB');
  const baseline = rate(byId.baseline, 'send1KiB');
  if (send !== undefined && baseline !== undefined) {
    // A baseline below Sluice itself means the baseline's core was taken by something else while
    // it ran (a shared machine): the ratio is then no evidence either way.
    const disturbed = send > baseline;
    targets.push({
      met: send >= baseline / 2 && !disturbed,
      text: `SendMessage (lean client) at ${percent(send, baseline)} of the node:http POST rate measured in the same run (target >= 50%)${disturbed ? '; not valid: the baseline measured below Sluice, so its core was busy with other work while it ran' : ''}`,
    });
  }
  targets.push(atLeast('SendMessage (lean client)', send, 15_000, 'msg/s'));
  targets.push(
    atLeast('SendMessageBatch 10 x 1 KiB', rate(sluice, 'batch10x1KiB'), 100_000, 'msg/s'),
  );
  targets.push(atLeast('Drain (receive + delete)', rate(sluice, 'drain'), 100_000, 'msg/s'));
  const latency = sluice.results.latency5k;
  if (latency?.latencyMs !== undefined) {
    const { p50, p99 } = latency.latencyMs;
    targets.push({
      met: p50 < 2 && p99 < 10,
      text: `latency at 5,000 msg/s: p50 ${p50} ms (target < 2), p99 ${p99} ms (target < 10)`,
    });
  }
  for (const peerId of durablePeers) {
    const peer = byId[peerId];
    if (peer === undefined) continue;
    for (const key of comparedWorkloads) {
      const ours = rate(sluice, key);
      const theirs = rate(peer, key);
      if (ours === undefined || theirs === undefined) continue;
      targets.push({
        met: ours > theirs,
        text: `${key} ahead of ${peer.label}: ${round(ours)} vs ${round(theirs)} msg/s (${(ours / theirs).toFixed(2)}x)`,
      });
    }
  }
  return targets;
}
