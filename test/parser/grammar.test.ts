// The grammar and the lexer definition pass Chevrotain's own validations. The shipped
// instances skip them to start faster, so this test is where a grammar mistake (an ambiguous
// alternative, left recursion, a duplicate index, an unreachable token) is caught.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Lexer } from 'chevrotain';
import { AuthshParser } from '../../src/parser/grammar.js';
import { tokenize } from '../../src/lexer/lexer.js';
import { allTokens, lexerDefinition } from '../../src/lexer/tokens.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('grammar validation', () => {
  it('builds the parser with grammar validations on and no definition errors', () => {
    let parser: AuthshParser | undefined;
    expect(() => {
      parser = new AuthshParser(true);
    }).not.toThrow();
    // Chevrotain keeps these at runtime but leaves them out of its types.
    expect((parser as unknown as { definitionErrors: unknown[] }).definitionErrors).toEqual([]);
  });

  it('parses with a validated parser as with the shipped one', () => {
    const parser = new AuthshParser(true);
    parser.input = tokenize('get-user | where type=phone\nif ($x) { 1 } else { 2 }').tokens;
    parser.script();
    expect(parser.errors).toEqual([]);
  });
});

describe('lexer definition validation', () => {
  it('builds the lexer with validations on and no definition errors or warnings', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const lexer = new Lexer(lexerDefinition, {
      positionTracking: 'onlyOffset',
      ensureOptimizations: false,
      skipValidations: false,
    });
    expect(lexer.lexerDefinitionErrors).toEqual([]);
    expect((lexer as unknown as { lexerDefinitionWarning: unknown[] }).lexerDefinitionWarning).toEqual([]);
  });

  it('leaves only the string modes (dq, here) without the first-character optimisation', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => new Lexer(lexerDefinition, { positionTracking: 'onlyOffset', ensureOptimizations: true })).toThrow(
      /Lexer Modes: < dq, here > cannot be optimized/,
    );
  });

  it('lists every token type of every mode in allTokens (the parser vocabulary)', () => {
    const vocabulary = new Set(allTokens);
    for (const [mode, tokens] of Object.entries(lexerDefinition.modes)) {
      for (const t of tokens)
        expect(vocabulary.has(t), `${t.name} (mode ${mode}) is missing from allTokens`).toBe(true);
    }
  });

  it('gives every token that the parser can report a readable label', () => {
    for (const t of allTokens) {
      if (t.PATTERN === Lexer.NA || t.GROUP === Lexer.SKIPPED) continue;
      expect(t.LABEL, `${t.name} has no label`).toBeTruthy();
    }
  });
});
