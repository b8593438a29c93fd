// The session's Graph connector: credentials from the environment (the Azure SDK names), a
// managed identity when the host has one, else — or with --demo — the embedded emulator,
// signed in to through the same MSAL code as the demo tenant's admin (device code, which the
// emulator approves at once). The emulator is imported only here, lazily, when a Graph
// command first needs it, so scripts that never touch Graph never start it.
import { readFileSync } from 'node:fs';
import { SignInError } from '../graph/types.js';
import type { Dispatcher } from 'undici';
import { authshHome } from '../graph/home.js';
import { demoStateFile, loadDemoState, saveDemoState } from './demo-state.js';
import type { Credential } from '../graph/auth/signin.js';
import type { ConnectOptions, GraphClient } from '../graph/types.js';
import type { WriteRecord } from '../graph/bulk/audit.js';

// undici and MSAL are loaded on first sign-in: a script that never calls Graph never pays for them.
const graphModules = () =>
  Promise.all([
    import('../graph/http.js'),
    import('../graph/client.js'),
    import('../graph/auth/signin.js'),
    import('../graph/bulk/executor.js'),
  ]).then(([http, client, auth, bulk]) => ({ ...http, ...client, ...auth, ...bulk }));

/** Microsoft Graph Command Line Tools: a public client the emulator (and Entra) accept for device code. */
export const GRAPH_CLI_CLIENT_ID = '14d82eec-204b-4c2f-b7e8-296a70dab67e';

export interface ConnectorOptions {
  demo?: boolean;
  demoUsers?: number;
  /** Forget the demo tenant's saved state (--demo-reset): start from the shipped one. */
  demoReset?: boolean;
  /** Load the demo tenant's saved state and save it at close() (the REPL; scripts start fresh). */
  keepDemoState?: boolean;
  verbose?: boolean;
  /** stderr, for the one-line notice, device-code prompts and --verbose traces. */
  stderr: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  /** Say on stderr that the demo tenant is used (the REPL's banner says it instead). */
  announce?: boolean;
  /** The change log: told of every write once settled (--log). */
  onWrite?: (record: WriteRecord) => void;
}

/**
 * What a session will sign in to, told before signing in (the REPL's banner and prompt): the
 * demo tenant when no credentials are set (or with --demo), else the tenant and app of the
 * environment's credentials, or a managed identity.
 */
export function describeTarget(env: NodeJS.ProcessEnv, demo: boolean): { banner: string; tenant: string } {
  const tenant = env['AZURE_TENANT_ID'];
  const client = env['AZURE_CLIENT_ID'];
  const creds = ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PATH'].some(
    (n) => env[n],
  );
  const managed = Boolean(env['IDENTITY_ENDPOINT'] || env['MSI_ENDPOINT']);
  if (demo) {
    const unused = creds || managed ? '; the credentials in the environment are not used' : '';
    return {
      banner: `demo tenant (Contoso, contoso.com), as asked with --demo${unused}, signed in as its admin`,
      tenant: 'contoso.com (demo)',
    };
  }
  if (!creds && !managed)
    return {
      banner: 'demo tenant (Contoso, contoso.com): no credentials set, signed in as its admin',
      tenant: 'contoso.com (demo)',
    };
  const how = env['AZURE_CLIENT_SECRET']
    ? 'client secret'
    : env['AZURE_CLIENT_CERTIFICATE_PATH']
      ? 'certificate'
      : 'managed identity';
  return {
    banner: `tenant ${tenant ?? '(from the managed identity)'}${client ? `, app ${client}` : ''} (${how})`,
    tenant: tenant ?? 'managed identity',
  };
}

/** The endpoints the environment may override, and what each receives. */
const ENDPOINTS = [
  ['AUTHSH_GRAPH_URL', 'the Graph token'],
  ['AZURE_AUTHORITY_HOST', 'the client secret or certificate assertion'],
] as const;

/** 127.0.0.0/8, ::1 and localhost: plain http there never leaves the machine (a local emulator). */
function isLoopback(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * What is wrong with the Graph or authority URL the environment sets, or undefined: each must be
 * https (plain http would carry the token or the credential in clear), except on loopback.
 * Checked before anything runs (exit 2) and again at connect time.
 */
export function endpointProblem(env: NodeJS.ProcessEnv): string | undefined {
  for (const [name, carries] of ENDPOINTS) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return `${name} is not a URL ('${value}'): expected https://host[:port]`;
    }
    if (url.protocol === 'https:') continue;
    if (url.protocol === 'http:' && isLoopback(url.hostname)) continue;
    if (url.protocol === 'http:') {
      return `${name} is ${url.origin}: plain http would send ${carries} in clear; use https:// (http is allowed only on loopback: 127.0.0.1, ::1, localhost)`;
    }
    return `${name} must be an https:// URL (got '${url.protocol}' in '${value}')`;
  }
  return undefined;
}

export type ConnectRequest = ConnectOptions;

export interface Connector {
  connect(req?: ConnectRequest): Promise<GraphClient>;
  /** Stops the emulator and closes connections (process exit, disconnect). */
  close(): Promise<void>;
  /** A graceful stop: the clients send nothing new (GraphClient.drain). */
  drain(): void;
}

interface Emu {
  url: string;
  tenantId: string;
  ca: string;
  /** The tenant's data, saved for the next demo run. */
  store: { data: unknown };
  stop(): Promise<void>;
}

export function createConnector(opts: ConnectorOptions): Connector {
  const env = opts.env ?? process.env;
  const trace = opts.verbose ? (line: string) => opts.stderr(`verbose: ${line}`) : undefined;
  let emulator: Promise<Emu> | undefined;
  const agents: Dispatcher[] = [];
  const clients: GraphClient[] = [];

  /** Whether this run wrote to the demo tenant: a run that changed nothing leaves the saved file alone. */
  let demoChanged = false;
  let carriedOver = false;
  const onDemoWrite = (record: WriteRecord) => {
    demoChanged = true;
    opts.onWrite?.(record);
  };

  async function connectDemo(): Promise<GraphClient> {
    emulator ??= startDemo();
    // Load the client and MSAL while the emulator makes its keys and starts listening.
    const [emu, { createAgent, createSessionClient, signIn }] = await Promise.all([emulator, graphModules()]);
    const agent = createAgent({ ca: emu.ca, onlyCa: true });
    agents.push(agent);
    // The delegated demo admin, through the same MSAL device-code code path a real tenant uses.
    const { tokens, connection } = await signIn({
      credential: {
        kind: 'device-code',
        tenantId: emu.tenantId,
        clientId: GRAPH_CLI_CLIENT_ID,
        onMessage: () => undefined,
      },
      authorityHost: emu.url,
      graphUrl: emu.url,
      agent,
      demo: true,
      trace,
    });
    const why = opts.demo ? 'as asked with --demo' : 'no credentials set';
    const carried = carriedOver ? `; its state is carried over from earlier runs (--demo-reset starts afresh)` : '';
    if (opts.announce !== false)
      opts.stderr(
        `authsh: ${why} — using the built-in demo tenant (Contoso, signed in as ${connection.account ?? 'admin'})${carried}`,
      );
    return track(createSessionClient({ graphUrl: emu.url, agent, tokens, connection, trace, onWrite: onDemoWrite }));
  }

  // The demo tenant starts from the state the last run left (demo-state.ts) and saves it at close().
  const stateFile = demoStateFile(env, opts.demoUsers);
  async function startDemo(): Promise<Emu> {
    // --demo-reset forgets the saved state even in a run that would not have read it.
    const saved =
      opts.keepDemoState || opts.demoReset ? loadDemoState(stateFile, opts.demoReset === true, opts.stderr) : undefined;
    carriedOver = opts.keepDemoState === true && saved !== undefined;
    const [m, { TenantStore }] = await Promise.all([
      import('../emulator/index.js'),
      import('../emulator/store/tenant.js'),
    ]);
    const store = saved === undefined ? undefined : new TenantStore(saved as never);
    // AUTHSH_EMULATOR_LICENSE=free: the demo tenant without Entra ID P1/P2 (the reports answer 403).
    // Unset means P2 even over a saved state, so one session's setting does not stick to the next.
    const raw = env['AUTHSH_EMULATOR_LICENSE'];
    const license = raw === undefined || raw === '' ? 'P2' : m.parseLicense(raw);
    if (!license) throw new Error(`AUTHSH_EMULATOR_LICENSE '${raw}' is not valid: expected free, P1 or P2`);
    return m.startEmulator(store ? { store, license } : { demoUsers: opts.demoUsers, license });
  }

  function track(c: GraphClient): GraphClient {
    clients.push(c);
    return c;
  }

  function credentialFrom(req: ConnectRequest): Credential | undefined {
    const tenantId = req.tenantId ?? env['AZURE_TENANT_ID'];
    const clientId = req.clientId ?? env['AZURE_CLIENT_ID'];
    if (req.deviceCode)
      return {
        kind: 'device-code',
        tenantId: tenantId ?? 'organizations',
        clientId: clientId ?? GRAPH_CLI_CLIENT_ID,
        onMessage: (m) => opts.stderr(m),
      };
    if (tenantId && clientId && env['AZURE_CLIENT_SECRET'])
      return { kind: 'client-secret', tenantId, clientId, secret: env['AZURE_CLIENT_SECRET'] };
    if (tenantId && clientId && env['AZURE_CLIENT_CERTIFICATE_PATH'])
      return { kind: 'certificate', tenantId, clientId, certificatePath: env['AZURE_CLIENT_CERTIFICATE_PATH'] };
    if (env['IDENTITY_ENDPOINT'] || env['MSI_ENDPOINT']) return { kind: 'managed-identity', clientId, tenantId };
    // Half a configuration must not quietly become the demo tenant: a scheduled job meant for
    // a real tenant would then "succeed" against Contoso. Only no configuration at all means demo.
    const given = ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PATH'].filter(
      (n) => env[n],
    );
    if (given.length > 0 || req.tenantId || req.clientId) {
      const missing = [
        !tenantId && 'AZURE_TENANT_ID',
        !clientId && 'AZURE_CLIENT_ID',
        !env['AZURE_CLIENT_SECRET'] &&
          !env['AZURE_CLIENT_CERTIFICATE_PATH'] &&
          'AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH',
      ].filter(Boolean);
      throw new SignInError(
        `the sign-in settings are incomplete: ${given.length ? `${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} set, but` : ''} ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} missing, and no managed identity is available (set them, or use --demo for the demo tenant)`.replace(
          /\s+/g,
          ' ',
        ),
        'IncompleteCredentials',
      );
    }
    return undefined;
  }

  return {
    async connect(req = {}) {
      const credential = req.demo || (opts.demo && !req.deviceCode && !req.tenantId) ? undefined : credentialFrom(req);
      if (!credential) return connectDemo();
      const insecure = endpointProblem(env);
      if (insecure) throw new SignInError(insecure, 'InsecureEndpoint');
      const { createAgent, createSessionClient, signIn } = await graphModules();
      const caFile = env['AUTHSH_CA_FILE'];
      const agent = createAgent({ ca: caFile ? readFileSync(caFile, 'utf8') : undefined });
      agents.push(agent);
      const graphUrl = env['AUTHSH_GRAPH_URL'] ?? 'https://graph.microsoft.com';
      const { tokens, connection } = await signIn({
        credential,
        authorityHost: env['AZURE_AUTHORITY_HOST'] ?? 'https://login.microsoftonline.com',
        graphUrl,
        agent,
        cacheHome: authshHome(env),
        trace,
      });
      // Every Graph command talks to the bulk executor: it batches what arrives together.
      return track(createSessionClient({ graphUrl, agent, tokens, connection, trace, onWrite: opts.onWrite }));
    },
    drain() {
      for (const c of clients) c.drain?.();
    },
    async close() {
      await Promise.allSettled(agents.splice(0).map((a) => a.close()));
      clients.length = 0;
      const emu = emulator;
      emulator = undefined;
      if (emu) {
        const e = await emu;
        await e.stop();
        if (opts.keepDemoState && demoChanged)
          try {
            saveDemoState(stateFile, e.store.data);
          } catch (err) {
            opts.stderr(`authsh: could not save the demo tenant to ${stateFile}: ${(err as Error).message}`);
          }
      }
    },
  };
}
