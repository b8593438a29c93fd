// The demo tenant keeps its state between runs (a tutorial carries over): saved in
// AUTHSH_HOME/demo-tenant.json, mode 0600, when a run that used it ends; --demo-reset starts afresh.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';

const home = () => mkdtempSync(join(tmpdir(), 'authsh-demostate-'));
const phones = 'get-methods AdeleV@contoso.com -type phone | foreach phoneNumber | sort | foreach { "$_" }';

describe('the demo tenant between runs', () => {
  it('keeps a phone added in one --demo run for the next, in a file only its owner can read', () => {
    const env = { AUTHSH_HOME: home() };
    const before = runCli(['--demo', '-c', phones], { env });
    const add = runCli(['--demo', '-c', "add-phone -user AdeleV@contoso.com '+1 2065550199' -type alternateMobile"], {
      env,
    });
    expect(add.stderr).not.toMatch(/error/i);
    const after = runCli(['--demo', '-c', phones], { env });
    expect(after.stdout).toContain('+1 2065550199');
    expect(before.stdout).not.toContain('+1 2065550199');
    expect(statSync(join(env.AUTHSH_HOME, 'demo-tenant.json')).mode & 0o777).toBe(0o600);
  });

  it('starts afresh with --demo-reset', () => {
    const env = { AUTHSH_HOME: home() };
    runCli(['--demo', '-c', "add-phone -user AdeleV@contoso.com '+1 2065550199' -type alternateMobile"], { env });
    const reset = runCli(['--demo-reset', '-c', phones], { env });
    expect(reset.code).toBe(0);
    expect(reset.stdout).not.toContain('+1 2065550199');
    expect(runCli(['--demo', '-c', phones], { env }).stdout).not.toContain('+1 2065550199');
  });

  it('says a saved state it cannot read is set aside, and starts afresh', () => {
    const env = { AUTHSH_HOME: home() };
    writeFileSync(join(env.AUTHSH_HOME, 'demo-tenant.json'), '{ not json');
    const r = runCli(['--demo', '-c', 'get-user AdeleV@contoso.com | count'], { env });
    expect(r.stdout).toBe('1\n');
    expect(r.stderr).toContain('demo-tenant.json');
    expect(r.stderr).toContain('--demo-reset');
  });

  it('gives every test run a fresh AUTHSH_HOME unless the test sets one, so no state leaks between tests', () => {
    runCli(['--demo', '-c', "add-phone -user AdeleV@contoso.com '+1 2065550177' -type alternateMobile"]);
    expect(runCli(['--demo', '-c', phones]).stdout).not.toContain('+1 2065550177');
  });
});
