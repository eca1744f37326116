import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LongPollWaiters, TooManyWaitersError, type WaitingClient } from './long-poll.js';

/** A request whose client can be made to go away, as an HTTP exchange's does. */
class TestClient implements WaitingClient {
  finished = false;
  readonly #listeners: (() => void)[] = [];

  onAbort(listener: () => void): void {
    this.#listeners.push(listener);
  }

  goAway(): void {
    this.finished = true;
    for (const listener of this.#listeners) listener();
  }
}

test('a waiter past the waiter limit is refused at once instead of being queued without bound', async () => {
  const waiters = new LongPollWaiters<string>(2);
  const client = new TestClient();
  const first = waiters.wait(1, 60_000, client, () => Promise.resolve(undefined));
  const second = waiters.wait(1, 60_000, client, () => Promise.resolve(undefined));
  await assert.rejects(
    waiters.wait(1, 60_000, client, () => Promise.resolve(undefined)),
    TooManyWaitersError,
  );
  client.goAway();
  assert.deepEqual(await Promise.all([first, second]), [undefined, undefined]);
  assert.equal(waiters.waiterCount, 0);
});

test('one notification wakes waiters in arrival order and stops at the first that finds nothing', async () => {
  const waiters = new LongPollWaiters<string>();
  const client = new TestClient();
  let available = 2;
  const attempts: string[] = [];
  const attempt = (name: string) => (): Promise<string | undefined> => {
    attempts.push(name);
    if (available === 0) return Promise.resolve(undefined);
    available -= 1;
    return Promise.resolve(name);
  };
  const results = [
    waiters.wait(7, 60_000, client, attempt('a')),
    waiters.wait(7, 60_000, client, attempt('b')),
    waiters.wait(7, 60_000, client, attempt('c')),
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
  const result = await waiters.wait(3, 5, new TestClient(), () => Promise.resolve('never tried'));
  assert.equal(result, undefined);
  assert.equal(waiters.waiterCount, 0);
});

test('a client already gone is not made to wait, and one going away after its answer changes nothing', async () => {
  const waiters = new LongPollWaiters<string>();
  const gone = new TestClient();
  gone.goAway();
  let attempts = 0;
  const tried = (): Promise<string> => {
    attempts += 1;
    return Promise.resolve('message');
  };
  assert.equal(await waiters.wait(4, 60_000, gone, tried), undefined);
  assert.equal(attempts, 0);
  assert.equal(waiters.waiterCount, 0);

  const client = new TestClient();
  const answered = waiters.wait(4, 60_000, client, tried);
  waiters.notify(4);
  assert.equal(await answered, 'message');
  client.goAway();
  assert.equal(waiters.waiterCount, 0);
  assert.equal(attempts, 1);
});
