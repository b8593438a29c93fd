// Sign-in traffic never follows a redirect either (see responses.ts redirectFailure): the token
// request carries the client secret or a signed assertion. MSAL swallows some network errors
// (its endpoint discovery returns null and later says `endpoints_resolution_error`), so the
// wrapper both throws and remembers the redirect, and signIn reports the remembered one.
import type { INetworkModule, NetworkResponse } from '@azure/msal-node';
import { SignInError } from '../types.js';

export interface RedirectGuard {
  client: INetworkModule;
  /** The first redirect refused, if any. */
  refused(): SignInError | undefined;
}

export function refusingRedirects(inner: INetworkModule): RedirectGuard {
  let first: SignInError | undefined;
  const check = <T>(method: string, url: string, r: NetworkResponse<T>): NetworkResponse<T> => {
    if (r.status < 300 || r.status >= 400) return r;
    const u = new URL(url);
    const location = r.headers['location'];
    const reason = `${method} ${u.origin}${u.pathname} answered ${r.status}, a redirect ${location ? `to ${location}` : 'without a Location'}; authsh does not follow redirects on sign-in: check AZURE_AUTHORITY_HOST and any proxy in between`;
    const err = new SignInError(`sign-in failed: ${reason}`, reason);
    first ??= err;
    throw err;
  };
  return {
    client: {
      sendGetRequestAsync: async (url, options, timeout) =>
        check('GET', url, await inner.sendGetRequestAsync(url, options, timeout)),
      sendPostRequestAsync: async (url, options) => check('POST', url, await inner.sendPostRequestAsync(url, options)),
    },
    refused: () => first,
  };
}
