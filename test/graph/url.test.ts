// Where a request path becomes a URL (url.ts): what can be sent passes unchanged, what cannot is
// a GraphRequestError 'InvalidUrl' naming the character, its position and its encoding.
import { describe, expect, it } from 'vitest';
import { checkRequestPath } from '../../src/graph/url.js';

const refusal = (path: string) => {
  try {
    checkRequestPath(path, 'GET');
  } catch (e) {
    return { code: (e as { code: string }).code, message: (e as Error).message };
  }
  return undefined;
};

describe('checkRequestPath', () => {
  it('passes what Graph paths and OData queries are made of', () => {
    for (const p of [
      '/users/MeganB@contoso.com/authentication/phoneMethods',
      "/users?$filter=startswith(displayName,'Megan')&$top=5",
      '/users/a%20b',
      "/users('x')",
      '/me/memberOf/$count',
    ]) {
      expect(checkRequestPath(p, 'GET')).toBe(p);
    }
  });

  it('refuses spaces, control characters, non-ASCII letters, # and unsafe symbols with their encoding', () => {
    expect(refusal('/users/a b')).toEqual({
      code: 'InvalidUrl',
      message:
        'not sent: the request path "/users/a b" has a space at position 9, which a URL cannot carry as written: write it as %20',
    });
    expect(refusal('/users/a\tb')!.message).toContain('a control character (U+0009) at position 9');
    expect(refusal('/users/é')!.message).toContain(
      "'é' at position 8, which a URL cannot carry as written: write it as %C3%A9",
    );
    expect(refusal('/users/😀')!.message).toContain(
      "'😀' at position 8, which a URL cannot carry as written: write it as %F0%9F%98%80",
    );
    expect(refusal('/users/a#b')!.message).toContain(
      "'#' (it would start a fragment, which is never sent) at position 9",
    );
    expect(refusal('/users/{id}')!.message).toContain("'{' at position 8");
  });

  it('refuses a % that does not start an escape, and half a surrogate pair, which has no encoding', () => {
    expect(refusal('/users/100%')!.message).toContain("a '%' not followed by two hex digits at position 11");
    expect(refusal('/users/\ud800x')!.message).toBe(
      'not sent: the request path "/users/\\ud800x" has half of a character (a lone surrogate) at position 8, which no URL can carry',
    );
  });
});
