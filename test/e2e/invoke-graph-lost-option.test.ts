// `invoke-graph GET "/users/x?$select=displayName"`: in double quotes $select is a variable, unset,
// so the URL goes out as `?=displayName`. authsh warns and says how to write it.
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

describe('invoke-graph with an OData option whose name was lost', () => {
  it('warns about ?= from $select interpolated away in a double-quoted string, naming the fix', () => {
    const r = runCli(['--demo', '-c', 'invoke-graph GET "/users/AdeleV@contoso.com?$select=displayName" -whatif']);
    expect(r.stderr).toMatch(/warning: invoke-graph: .*'\?=displayName'/);
    expect(r.stderr).toContain("single quotes ('/users/x?$select=displayName')");
    expect(r.stderr).toContain('`$select');
  });

  it('warns about &= too, and says nothing for a URL in single quotes', () => {
    const lost = runCli(['--demo', '-c', 'invoke-graph GET "/users?$top=1&$select=displayName" | out-null']);
    expect(lost.stderr).toMatch(/warning: invoke-graph: '\?=1', '&=displayName' in the URL are query options/);
    const fine = runCli(['--demo', '-c', "invoke-graph GET '/users?$top=1&$select=displayName' | out-null"]);
    expect(fine.stderr).not.toMatch(/warning/);
  });
});
