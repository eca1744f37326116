import { messageState, none } from './message-state.js';
import type { QueueCore } from './queue-core.js';
import type { LiveMessage, PeekedMessage, QueueCounters } from './queue-results.js';

export function countersOf(core: QueueCore): QueueCounters {
  const counts = core.stateCounts;
  const oldest = core.retention.peek();
  return {
    visible: counts[messageState.visible]!,
    inflight: counts[messageState.inflight]!,
    delayed: counts[messageState.delayed]!,
    pendingDeadLetter: counts[messageState.pendingDeadLetter]!,
    total: core.liveCount,
    bytes: core.table.liveBytes,
    oldestSentAtMs: oldest === none ? undefined : core.table.sentAtMs[oldest],
  };
}

/** True when a receive at `nowMs` would deliver or dead-letter something (limits aside). */
export function hasReceivable(core: QueueCore, nowMs: number): boolean {
  const due = core.due.peek();
  if (due !== none && core.table.dueAtMs(due) <= Math.max(nowMs, core.nowMs)) return true;
  return core.fifo ? core.groups.ready.size > 0 : core.ready.size > 0;
}

/**
 * The messages a receive of `countMax` would deliver now, in the same order, without changing
 * anything (dashboard and CLI peek). The in-flight and dead-letter bounds are not applied, and
 * messages a receive would dead-letter are skipped.
 */
export function peekMessages(core: QueueCore, countMax: number): PeekedMessage[] {
  const peeked: PeekedMessage[] = [];
  const visit = (slot: number): boolean => {
    if (!core.shouldDeadLetter(slot)) peeked.push(describeLive(core, slot));
    return peeked.length < countMax;
  };
  if (countMax <= 0) return peeked;
  if (!core.fifo) {
    core.ready.visitInOrder(Number.POSITIVE_INFINITY, visit);
    return peeked;
  }
  const table = core.table;
  core.groups.ready.visitInOrder(Number.POSITIVE_INFINITY, (group) => {
    for (let slot = core.groups.head[group]!; slot !== none; slot = table.next[slot]!) {
      if (table.state[slot] !== messageState.visible) break;
      if (!visit(slot)) return false;
    }
    return true;
  });
  return peeked;
}

/** Live messages whose body lies below `bodyOffsetLimit`, lowest first (compaction). */
export function liveMessagesBelow(
  core: QueueCore,
  bodyOffsetLimit: number,
  countMax: number,
): LiveMessage[] {
  const found: LiveMessage[] = [];
  if (countMax <= 0) return found;
  core.body.visitInOrder(bodyOffsetLimit, (slot) => {
    found.push(describeLive(core, slot));
    return found.length < countMax;
  });
  return found;
}

/** How many live messages have their body below `bodyOffsetLimit`, counting at most countMax. */
export function countLiveMessagesBelow(
  core: QueueCore,
  bodyOffsetLimit: number,
  countMax: number,
): number {
  return core.body.countBelow(bodyOffsetLimit, countMax);
}

/** Messages marked for dead-lettering and not yet removed, by key. */
export function pendingDeadLetters(core: QueueCore): LiveMessage[] {
  const table = core.table;
  const found: LiveMessage[] = [];
  if (core.stateCounts[messageState.pendingDeadLetter] === 0) return found;
  for (let slot = 0; slot < table.highWater; slot++) {
    if (table.state[slot] === messageState.pendingDeadLetter) found.push(describeLive(core, slot));
  }
  return found.sort((first, second) => first.key - second.key);
}

function describeLive(core: QueueCore, slot: number): LiveMessage {
  const table = core.table;
  const key = table.key[slot]!;
  const bodyOffset = table.bodyOffset[slot]!;
  const sentAtMs = table.sentAtMs[slot]!;
  const receiveCount = table.receiveCount[slot]!;
  const groupId = core.groupIdOf(slot);
  if (groupId === undefined) return { slot, key, bodyOffset, sentAtMs, receiveCount };
  return { slot, key, bodyOffset, sentAtMs, receiveCount, groupId };
}
