// undici's Agent and its request API, without undici's package entry. The entry loads fetch,
// WebSocket, the cache, mocks and interceptors (~1 MB bundled, ~150 ms of start-up on a
// loaded machine); authsh needs only the Agent and `dispatcher.request`, which the entry adds
// to Dispatcher.prototype — done here the same way. undici has no `exports` map, so these
// paths are public in practice; the types still come from the package's own .d.ts.
import type { Agent as UndiciAgent } from 'undici';
import AgentImpl from 'undici/lib/dispatcher/agent.js';
import DispatcherImpl from 'undici/lib/dispatcher/dispatcher.js';
import api from 'undici/lib/api/index.js';

Object.assign((DispatcherImpl as { prototype: object }).prototype, api);

export const Agent = AgentImpl as typeof UndiciAgent;
export type { Dispatcher } from 'undici';
