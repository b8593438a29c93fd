// `authsh emulator` through the built CLI: it serves, writes its CA file, says how to reach it
// in one stderr line, stops on SIGTERM saving --state, and refuses bad options with exit 2.
import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { cliPath, runCli } from '../support/cli.js';
import { parseEmulatorArgs } from '../../src/cli/emulator-command.js';

describe('authsh emulator', () => {
  it('serves Graph on 127.0.0.1, writes the CA, and stops on SIGTERM saving its state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'authsh-emu-'));
    const caFile = join(dir, 'ca.pem');
    const state = join(dir, 'state.json');
    const child = spawn(
      process.execPath,
      [
        cliPath,
        'emulator',
        '--port',
        '0',
        '--ca-file',
        caFile,
        '--state',
        state,
        '--latency',
        '1',
        '--seed',
        '3',
        '--item-faults',
        '0.5',
      ],
      { env: { ...process.env, AUTHSH_HOME: dir } },
    );
    let stderr = '';
    const line = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString();
        if (stderr.includes('\n')) resolve(stderr);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    const url = /(https:\/\/127\.0\.0\.1:\d+)/.exec(line)![1]!;
    expect(line.trim().split('\n')).toHaveLength(1);
    expect(line).toContain(`NODE_EXTRA_CA_CERTS=${caFile}`);
    expect(line).toContain(`AUTHSH_GRAPH_URL=${url}`);
    expect(line).toContain(`AZURE_AUTHORITY_HOST=${url}`);
    expect(statSync(caFile).mode & 0o777).toBe(0o644);

    const dispatcher = new Agent({ connect: { ca: readFileSync(caFile, 'utf8') } });
    const r = await request(`${url}/contoso.com/v2.0/.well-known/openid-configuration`, { dispatcher });
    expect(r.statusCode).toBe(200);
    expect(((await r.body.json()) as { issuer: string }).issuer).toMatch(new RegExp(`^${url}/`));
    const g = await request(`${url}/v1.0/users`, { dispatcher });
    expect(g.statusCode).toBe(401);
    await g.body.text();
    await dispatcher.close();

    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    expect(existsSync(state)).toBe(true);
    expect(JSON.parse(readFileSync(state, 'utf8')).domain).toBe('contoso.com');
  });

  it('accepts --item-faults RATE (also as --item-faults=RATE) beside --drop, and lists it in the usage', () => {
    expect(parseEmulatorArgs(['--item-faults', '0.25', '--drop', '0.1', '--seed', '4'])).toMatchObject({
      itemFaultRate: 0.25,
      dropRate: 0.1,
      seed: 4,
    });
    expect(parseEmulatorArgs(['--item-faults=1'])).toMatchObject({ itemFaultRate: 1 });
    const bad = runCli(['emulator', '--item-faults', '1.5']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--item-faults '1.5' is not valid: expected a fraction between 0 and 1");
    const help = runCli(['emulator', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('[--item-faults RATE]');
  });

  it('refuses a bad option value with exit 2 and says what it expected', () => {
    const r = runCli(['emulator', '--faults', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--faults '2' is not valid: expected a fraction between 0 and 1");
    expect(() => parseEmulatorArgs(['--demo-users', '5000000'])).toThrow(
      "--demo-users '5000000' is not valid: expected a whole number of users from 0 to 500,000",
    );
    expect(parseEmulatorArgs(['--demo-users', '500000'])).toMatchObject({ demoUsers: 500_000 });
    const u = runCli(['emulator', '--bogus']);
    expect(u.code).toBe(2);
    expect(u.stderr).toContain("unknown emulator option '--bogus'");
  });
});
