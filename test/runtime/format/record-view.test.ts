// A record that draws itself (ShellRecord.view, report-mfa's posture): the table and text formats
// show its text, colour only where the table has it; list still shows its keys; a copy is a
// plain record again.
import { describe, expect, it } from 'vitest';
import { createDisplayWriter } from '../../../src/runtime/format/display.js';
import { ShellRecord } from '../../../src/runtime/record.js';

function shown(mode: 'table' | 'text' | 'list', r: ShellRecord, color = true): string {
  let out = '';
  const w = createDisplayWriter({ mode, write: (c) => (out += c), columns: 80, color });
  w.write(r);
  w.end();
  return out;
}

const report = () => {
  const r = new ShellRecord({ type: 'mfaPosture', users: 3 });
  r.view = ({ color }) => `SUMMARY color=${color}`;
  return r;
};

describe('a record with a view', () => {
  it('shows as its text in table and text output, with colour only in a colour table', () => {
    expect(shown('table', report())).toBe('SUMMARY color=true\n');
    expect(shown('table', report(), false)).toBe('SUMMARY color=false\n');
    expect(shown('text', report())).toBe('SUMMARY color=false\n');
  });

  it('shows its keys in list output, and a copy of it is an ordinary record', () => {
    expect(shown('list', report(), false)).toMatch(/type +: mfaPosture/);
    expect(shown('text', report().clone())).toMatch(/^type +users/);
  });
});
