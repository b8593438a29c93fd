import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locateJsonError } from '../../../src/builtins/support/json-error.js';

describe('locateJsonError', () => {
  it('finds nothing wrong in valid JSON', () => {
    fc.assert(fc.property(fc.json(), (text) => locateJsonError(text) === undefined));
  });

  it('finds a problem wherever JSON.parse does', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom('}', ']', ',', ':', '"', 'x', '-', '\n'), (text, at, junk) => {
        const i = at % (text.length + 1);
        const broken = text.slice(0, i) + junk + text.slice(i);
        let valid = true;
        try {
          JSON.parse(broken);
        } catch {
          valid = false;
        }
        expect(locateJsonError(broken) === undefined).toBe(valid);
      }),
    );
  });

  it('gives 1-based lines and columns', () => {
    expect(locateJsonError('[1,\n 2,\n ]')).toEqual({ line: 3, column: 2, reason: "expected a value, found ']'" });
    expect(locateJsonError('tru')).toMatchObject({ line: 1, column: 1 });
    expect(locateJsonError('01')).toMatchObject({
      line: 1,
      column: 2,
      reason: "expected the end of the document, found '1'",
    });
  });
});
