// A session's Graph connection (src/cli/connection.ts) on its own: one sign-in shared by every
// command, a failed sign-in turned into SignInFailed and tried again next time, `connect`
// replacing the sign-in, and no connection at all. The sign-in itself is a plain function here;
// test/graph/connect.test.ts runs the same through the CLI against the emulator.
import { describe, expect, it } from 'vitest';
import { GraphConnection } from '../../src/cli/connection.js';
import { SignInError, type ConnectOptions, type ConnectionInfo, type GraphClient } from '../../src/graph/types.js';
import { ShellError } from '../../src/runtime/errors.js';

/** A client that only knows who it is: the connection never sends a request. */
function client(name: string): GraphClient {
  return {
    connection: { account: name } as unknown as ConnectionInfo,
    request: () => Promise.reject(new Error('not used')),
    items: () => (async function* () {})(),
    describe: () => '',
    stats: () => ({ requests: name.length }) as unknown as ReturnType<NonNullable<GraphClient['stats']>>,
  };
}

function recorder(results: (GraphClient | Error)[]) {
  const calls: (ConnectOptions | undefined)[] = [];
  let disconnects = 0;
  const connection = new GraphConnection(
    async (opts) => {
      calls.push(opts);
      const r = results.shift()!;
      if (r instanceof Error) throw r;
      return r;
    },
    async () => void disconnects++,
  );
  return { connection, calls, disconnects: () => disconnects };
}

describe('a session’s Graph connection', () => {
  it('signs in once, on first use, and shares the client', async () => {
    const { connection, calls } = recorder([client('a')]);
    expect(calls).toHaveLength(0);
    const [x, y] = await Promise.all([connection.graph(), connection.graph()]);
    expect(x).toBe(y);
    expect(calls).toEqual([undefined]);
    expect(connection.stats()).toEqual({ requests: 1 });
  });

  it('turns a failed sign-in into a fatal SignInFailed with the reason, and tries again next time', async () => {
    const { connection, calls } = recorder([new SignInError('the secret has expired', 'expired'), client('b')]);
    const err = await connection.graph().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShellError);
    expect(err).toMatchObject({ code: 'SignInFailed', message: 'the secret has expired', fatal: true });
    expect((await connection.graph()).connection).toEqual({ account: 'b' });
    expect(calls).toHaveLength(2);
  });

  it('connect drops the old sign-in and signs in with the options given; disconnect forgets it', async () => {
    const { connection, calls, disconnects } = recorder([client('a'), client('b')]);
    const control = connection.control();
    expect(await control.current()).toBeUndefined();
    await connection.graph();
    expect(await control.connect({ tenant: 't2' } as ConnectOptions)).toEqual({ account: 'b' });
    expect(calls).toEqual([undefined, { tenant: 't2' }]);
    expect(disconnects()).toBe(1);
    await control.disconnect();
    expect(disconnects()).toBe(2);
    expect(await control.current()).toBeUndefined();
  });

  it('without a way to sign in, every use is NotConnected', async () => {
    const connection = new GraphConnection(undefined, undefined);
    await expect(connection.graph()).rejects.toMatchObject({ code: 'NotConnected' });
  });
});
