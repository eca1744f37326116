import { after, before } from 'node:test';
import { main } from '../main.js';
import { fakeContext, type FakeContext } from './fake-context.js';
import { StubSluiceServer } from './stub-sluice-server.js';

/**
 * Starts a StubSluiceServer (test double) for the tests of one file and runs `sluice` commands
 * in-process against it.
 */
export function useStubServer(): {
  stub: StubSluiceServer;
  run: (
    argumentsList: string[],
    stdinText?: string,
  ) => Promise<{ code: number; context: FakeContext }>;
} {
  const stub = new StubSluiceServer();
  before(() => stub.start());
  after(() => stub.stop());
  return {
    stub,
    run: async (argumentsList, stdinText) => {
      const context = fakeContext({
        environment: { SLUICE_ENDPOINT: stub.url },
        ...(stdinText === undefined ? {} : { stdinText }),
      });
      const code = await main(argumentsList, context);
      return { code, context };
    },
  };
}
