// A Session wired to a fresh in-process Graph emulator, for the Graph command tests: run authsh
// source and get back what it emitted (as plain JSON), what it wrote to stderr (errors and
// -whatif plans), what the host was told (warnings, notices) and the exit code. The Session
// talks to the same stack the CLI builds (createSessionClient: the bulk executor in front of
// the client), so batching, reconcile and the retry policy run under every command test.
import type { CommandSpec } from '../../../src/runtime/command.js';
import { startEmulator, type Emulator } from '../../../src/emulator/index.js';
import { createSessionClient, staticToken } from '../../../src/graph/client.js';
import { Session } from '../../../src/cli/session.js';
import type { GraphClient } from '../../../src/graph/types.js';
import { toPlain, type Value } from '../../../src/runtime/values.js';

export const ADMIN = {
  id: '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9',
  userPrincipalName: 'admin@contoso.com',
  displayName: 'Contoso Admin',
};
export const WRITER_APP = '5f0c8a3e-2b1d-4c6e-9f7a-8b9c0d1e2f3a';
export const READER_APP = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

export type Identity = 'admin' | 'reader' | 'writer-app';

/** A token the emulator accepts: the delegated demo admin, the reader app (read-only) or the writer app. */
export function tokenFor(emu: Emulator, who: Identity): string {
  const apps = emu.store.data.applications;
  if (who === 'admin') {
    const admin = emu.store.data.admin;
    return emu.tokens.delegatedToken({
      clientId: WRITER_APP,
      user: ADMIN,
      scopes: admin.delegatedScopes,
      directoryRoles: admin.directoryRoles,
    });
  }
  const app = apps.find((a) => a.clientId === (who === 'reader' ? READER_APP : WRITER_APP))!;
  return emu.tokens.appToken(app);
}

export function clientFor(emu: Emulator, who: Identity = 'admin'): GraphClient {
  return createSessionClient({
    graphUrl: emu.url,
    ca: emu.ca,
    tokens: staticToken(tokenFor(emu, who)),
    // The admin signs in as a person (delegated: `me` is them); the apps sign in as themselves.
    connection:
      who === 'admin'
        ? { kind: 'demo', tenantId: emu.tenantId, graphUrl: emu.url, account: ADMIN.userPrincipalName, scopes: [] }
        : {
            kind: 'client-secret',
            tenantId: emu.tenantId,
            graphUrl: emu.url,
            clientId: who === 'reader' ? READER_APP : WRITER_APP,
            scopes: [],
          },
  });
}

export interface Outcome {
  plain: unknown[];
  stderr: string;
  info: string;
  code: number;
}

/** Runs source in a Session whose Graph client talks to `emu` as `who`. */
export async function runOn(
  emu: Emulator,
  source: string,
  who: Identity = 'admin',
  cwd?: string,
  /** The session's commands, when a test adds one of its own to the built-ins. */
  commands?: CommandSpec[],
): Promise<Outcome> {
  let stderr = '';
  let info = '';
  const client = clientFor(emu, who);
  const session = new Session({
    host: {
      info: (t) => (info += t + '\n'),
      warn: (t) => (info += `warning: ${t}\n`),
      isTerminal: false,
      columns: 120,
      color: false,
    },
    stdout: () => undefined,
    stderr: (c) => (stderr += c),
    format: 'jsonl',
    color: false,
    columns: 120,
    connect: async () => client,
    ...(commands ? { commands } : {}),
    ...(cwd ? { cwd } : {}),
  });
  const values: Value[] = [];
  try {
    const code = await session.run(source, { fileName: 'test.authsh', onValue: (v) => values.push(v) });
    return { plain: values.map((v) => toPlain(v)), stderr, info, code };
  } finally {
    await client.close?.();
  }
}

/** A fresh emulator for one test (about 10 ms), with `demoUsers` generated users when given. */
export async function withEmulator<T>(fn: (emu: Emulator) => Promise<T>, demoUsers?: number): Promise<T> {
  const emu = await startEmulator(demoUsers ? { demoUsers, seed: 17 } : {});
  try {
    return await fn(emu);
  } finally {
    await emu.stop();
  }
}
