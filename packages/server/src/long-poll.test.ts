import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LongPollWaiters, TooManyWaitersError } from './long-poll.js';

test('a waiter past the waiter limit is refused at once instead of being queued without bound', async () => {
  const waiters = new LongPollWaiters<string>(2);
  const controller = new AbortController();
  const first = waiters.wait(1, 60_000, controller.signal, () => Promise.resolve(undefined));
  const second = waiters.wait(1, 60_000, controller.signal, () => Promise.resolve(undefined));
  await assert.rejects(
    waiters.wait(1, 60_000, controller.signal, () => Promise.resolve(undefined)),
    TooManyWaitersError,
  );
  controller.abort();
  assert.deepEqual(await Promise.all([first, second]), [undefined, undefined]);
  assert.equal(waiters.waiterCount, 0);
});

test('one notification wakes waiters in arrival order and stops at the first that finds nothing', async () => {
  const waiters = new LongPollWaiters<string>();
  const signal = new AbortController().signal;
  let available = 2;
  const attempts: string[] = [];
  const attempt = (name: string) => (): Promise<string | undefined> => {
    attempts.push(name);
    if (available === 0) return Promise.resolve(undefined);
    available -= 1;
    return Promise.resolve(name);
  };
  const results = [
    waiters.wait(7, 60_000, signal, attempt('a')),
    waiters.wait(7, 60_000, signal, attempt('b')),
    waiters.wait(7, 60_000, signal, attempt('c')),
  ];
  waiters.notify(7);
  assert.deepEqual(await Promise.all(results.slice(0, 2)), ['a', 'b']);
  assert.deepEqual(attempts, ['a', 'b', 'c']);
  assert.equal(waiters.waiterCount, 1, 'c is still waiting');
  waiters.releaseAll();
  assert.equal(await results[2], undefined);
});

test('a waiter whose wait ends gets no result and is forgotten', async () => {
  const waiters = new LongPollWaiters<string>();
  const result = await waiters.wait(3, 5, new AbortController().signal, () =>
    Promise.resolve('never tried'),
  );
  assert.equal(result, undefined);
  assert.equal(waiters.waiterCount, 0);
});
