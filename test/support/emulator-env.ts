// An emulator in this process and the environment that points the built CLI at it, signing in
// as the demo tenant's automation app with a client secret (as a scheduled job would).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/index.js';

export const DEMO_APP = { id: '5f0c8a3e-2b1d-4c6e-9f7a-8b9c0d1e2f3a', secret: 'demo-secret-not-for-production' };

export interface EmulatorEnv {
  emu: Emulator;
  /** A fresh folder for the test's files (the CA, AUTHSH_HOME, CSVs). */
  dir: string;
  env: Record<string, string>;
}

export async function emulatorWithEnv(options: EmulatorOptions): Promise<EmulatorEnv> {
  const emu = await startEmulator(options);
  const dir = mkdtempSync(join(tmpdir(), 'authsh-emu-'));
  const ca = join(dir, 'ca.pem');
  writeFileSync(ca, emu.ca);
  const env = {
    AUTHSH_GRAPH_URL: emu.url,
    AZURE_AUTHORITY_HOST: emu.url,
    AZURE_TENANT_ID: emu.tenantId,
    AZURE_CLIENT_ID: DEMO_APP.id,
    AZURE_CLIENT_SECRET: DEMO_APP.secret,
    NODE_EXTRA_CA_CERTS: ca,
    AUTHSH_HOME: join(dir, 'home'),
  };
  return { emu, dir, env };
}
