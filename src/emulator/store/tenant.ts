// The emulator's tenant: users with their authentication methods, the methods policy, the
// registered applications, and long-running operations. All state lives in memory; --state
// FILE loads it from and saves it to JSON. The demo tenant is
// src/emulator/data/demo-tenant.json; generated users (generate.ts) are added on request.
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import demo from '../data/demo-tenant.json' with { type: 'json' };
import { seedStrengthData, type StrengthData } from './strengths.js';
import { adoptTokens, seedDemoTokens, tokensOf, type HardwareToken } from './hardware-tokens.js';

/** A method as Graph returns it: `@odata.type`, `id` and the type's own properties. */
export type MethodRecord = Record<string, unknown> & { '@odata.type': string; id: string };

export interface StoredUser {
  id: string;
  displayName: string;
  givenName?: string | null;
  surname?: string | null;
  userPrincipalName: string;
  mail?: string | null;
  jobTitle?: string | null;
  department?: string | null;
  accountEnabled?: boolean;
  onPremisesSyncEnabled?: boolean | null;
  usageLocation?: string | null;
  userType?: 'Member' | 'Guest';
  /** Directory role names the user holds (e.g. "Authentication Administrator"). */
  directoryRoles?: string[];
  /** beta signInPreferences / requirements (docs/graph.md §2 rows 47–48). */
  signInPreferences?: {
    isSystemPreferredAuthenticationMethodEnabled: boolean;
    userPreferredMethodForSecondaryAuthentication: string | null;
  };
  requirements?: { perUserMfaState: string };
  methods: MethodRecord[];
  [extra: string]: unknown;
}

export interface AppRegistration {
  displayName: string;
  clientId: string;
  clientSecret?: string;
  applicationPermissions: string[];
  /** PEM certificates whose keys may sign client assertions (certificate credentials). */
  certificates?: string[];
}

export interface TenantData extends StrengthData {
  tenantId: string;
  domain: string;
  displayName: string;
  passwordWritebackEnabled: boolean;
  admin: { userPrincipalName: string; directoryRoles: string[]; delegatedScopes: string[] };
  applications: AppRegistration[];
  authenticationMethodsPolicy: Record<string, unknown> & {
    authenticationMethodConfigurations: Record<string, unknown>[];
  };
  users: StoredUser[];
  /** The tenant's Microsoft Entra ID licence (routes/licence.ts); absent means P2, as the demo tenant has. */
  license?: 'free' | 'P1' | 'P2';
  /** The hardware OATH token inventory (hardware-tokens.ts); made on load when a state has none. */
  hardwareOathDevices?: HardwareToken[];
}

export interface Operation {
  id: string;
  userId: string;
  createdDateTime: string;
  /** Where the operation is in its life: it moves on with time (see the password routes). */
  status: 'notStarted' | 'running' | 'succeeded' | 'failed';
  lastActionDateTime: string;
  statusDetail: string | null;
  resourceLocation: string | null;
  /** When it started, to derive its status from elapsed time. */
  startedAt: number;
  outcome: 'succeeded' | 'failed';
}

export class TenantStore {
  readonly data: TenantData;
  private readonly byId = new Map<string, StoredUser>();
  private readonly byUpn = new Map<string, StoredUser>();
  readonly operations = new Map<string, Operation>();

  constructor(data: TenantData) {
    this.data = data;
    seedStrengthData(data); // authentication strengths and the CA policies using them (store/strengths.ts)
    for (const u of data.users) this.index(u);
    tokensOf(data);
  }

  /** The demo tenant: a deep copy, so every emulator starts from the same state. */
  static demo(): TenantStore {
    const store = new TenantStore(structuredClone(demo) as unknown as TenantData);
    seedDemoTokens(store.data);
    return store;
  }

  static load(file: string): TenantStore {
    return new TenantStore(JSON.parse(readFileSync(file, 'utf8')) as TenantData);
  }

  /** Writes the state atomically (a temporary file renamed over the old one). */
  save(file: string): void {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.data, null, 1), { mode: 0o600 });
    renameSync(tmp, file);
  }

  private index(u: StoredUser): void {
    this.byId.set(u.id.toLowerCase(), u);
    this.byUpn.set(u.userPrincipalName.toLowerCase(), u);
  }

  get users(): readonly StoredUser[] {
    return this.data.users;
  }

  addUser(u: StoredUser): void {
    this.data.users.push(u);
    this.index(u);
    adoptTokens(this.data, u);
  }

  /** A user by object id or userPrincipalName (case-insensitive), as `/users/{id | upn}` takes it. */
  findUser(idOrUpn: string): StoredUser | undefined {
    const key = idOrUpn.toLowerCase();
    return this.byId.get(key) ?? this.byUpn.get(key);
  }

  findApp(clientId: string): AppRegistration | undefined {
    return this.data.applications.find((a) => a.clientId.toLowerCase() === clientId.toLowerCase());
  }

  get adminUser(): StoredUser | undefined {
    return this.findUser(this.data.admin.userPrincipalName);
  }
}
