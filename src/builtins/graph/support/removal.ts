// Removing one of a user's methods, for every remove-* command and remove-method (issue 11):
// - the last-method guard: a removal that would leave the user no MFA-capable method, or take a
//   privileged-role holder's last phishing-resistant one, is refused unless -force (under
//   -whatif the plan says "refused"). What counts follows the registration report's
//   classification (docs/graph.md §4a). Removals of the same user decided earlier in the same
//   call count as done, decided in input order (ctx.inTurn), so removing all of a user's MFA
//   methods one by one refuses the last.
// - Graph's order: a mobile phone cannot go while an alternateMobile exists, so a mobile waits
//   for the same call's decision on that user's alternateMobile, and its DELETE for that one to
//   settle — whatever order the items came in.
// - the question names the change after resolution ("Remove the mobile phone +1 … of Megan
//   Bowen <MeganB@contoso.com>?"), and an error names the user and the method.
import type { CommandContext, ParameterSpec } from '../../../runtime/command.js';
import { ShellRecord } from '../../../runtime/record.js';
import { PHONE_METHOD_IDS, seg, type MethodTypeInfo, type MethodTypeName } from '../../../graph/catalogue.js';
import type { GraphClient } from '../../../graph/types.js';
import { graphError, reworded } from './client.js';
import { commandError } from '../../support/errors.js';
import { allMethods, deleteMethod, read } from '../kit/calls.js';

/** `-force`: the removal commands' way past the last-method guard. */
export const FORCE_PARAM: ParameterSpec = {
  name: 'force',
  type: 'switch',
  description:
    "Remove it even when it is the user's last MFA-capable method, or a privileged-role holder's last " +
    'phishing-resistant one.',
};

/** MFA-capable per the registration report (docs/graph.md §4a); password, email, TAP, QR + PIN, external are not. */
export const MFA_TYPES: ReadonlySet<MethodTypeName> = new Set([
  'phone',
  'authenticator',
  'softwareOath',
  'hardwareOath',
  'fido2',
  'whfb',
  'platformCredential',
  'passwordless',
]);
/** Phishing-resistant: FIDO2 security keys and passkeys, Windows Hello for Business, platform credentials. */
export const PHISHING_RESISTANT: ReadonlySet<MethodTypeName> = new Set(['fido2', 'whfb', 'platformCredential']);
/** Directory roles counted as privileged, by role template id (the same in every tenant). */
const PRIVILEGED_ROLES: Readonly<Record<string, string>> = {
  '62e90394-69f5-4237-9190-012177145e10': 'Global Administrator',
  'e8611ab8-c189-46e8-94e1-60213ab1f814': 'Privileged Role Administrator',
  '7be44c8a-adaf-4e2a-84d6-ab2649e08a13': 'Privileged Authentication Administrator',
  'c4e39bd9-1100-46d3-8c65-fb160da0071f': 'Authentication Administrator',
  '0526716b-113d-4c15-b2c8-68e3c22b9f80': 'Authentication Policy Administrator',
  '194ae4cb-b126-40b2-bd5b-6091b380977d': 'Security Administrator',
  'fe930be7-5e62-47db-91af-98c3a49a38b1': 'User Administrator',
  '729827e3-9c14-49f7-bb1b-9608f156bbb8': 'Helpdesk Administrator',
  '966707d0-3269-4727-9be2-8c3a10f19b9d': 'Password Administrator',
  'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9': 'Conditional Access Administrator',
};

const MOBILE = PHONE_METHOD_IDS.mobile;
const ALTERNATE = `phone:${PHONE_METHOD_IDS.alternateMobile}`;

type GraphObject = Record<string, unknown>;
interface Who {
  userPrincipalName: string;
  displayName: string;
}
/** A privileged role the user holds, none, or unknown (the roles could not be read). */
type Roles = { role: string | undefined } | { unknown: string };

/** What one call knows and has decided about one user. */
class UserPlan {
  methods: Promise<ShellRecord[]> | undefined;
  who: Promise<Who> | undefined;
  roles: Promise<Roles> | undefined;
  /** Methods this call has decided to remove (or is asking about): counted as gone. */
  readonly gone = new Set<string>();
  /** The DELETEs decided, until they settle. */
  readonly settling = new Map<string, Promise<void>>();
  private readonly waiting = new Map<string, (() => void)[]>();

  decided(key: string): void {
    for (const w of this.waiting.get(key) ?? []) w();
    this.waiting.delete(key);
  }

  whenDecided(key: string): Promise<void> {
    return new Promise((r) => this.waiting.set(key, [...(this.waiting.get(key) ?? []), r]));
  }
}

const keyOf = (type: string, id: string | undefined) => `${type}:${(id ?? '').toLowerCase()}`;
const recordKey = (m: ShellRecord) => {
  const id = m.get('id');
  return keyOf(String(m.get('type')), typeof id === 'string' ? id : undefined);
};
const typeOf = (m: ShellRecord) => String(m.get('type')) as MethodTypeName;

function planOf(ctx: CommandContext, userId: string): UserPlan {
  const fresh = () => new Map<string, UserPlan>();
  const plans = ctx.shared ? ctx.shared('removal.plans', fresh) : fresh();
  const k = userId.toLowerCase();
  let p = plans.get(k);
  if (!p) plans.set(k, (p = new UserPlan()));
  return p;
}

const text = (r: ShellRecord | undefined, k: string): string | undefined => {
  const v = r?.get(k);
  return typeof v === 'string' && v !== '' ? v : undefined;
};

/** "the mobile phone +1 4255550103", "the FIDO2 security key 'YubiKey 5'", "the email address x@y". */
export function describeMethod(info: MethodTypeInfo, id: string | undefined, r: ShellRecord | undefined): string {
  if (info.type === 'phone') {
    const byId = Object.entries(PHONE_METHOD_IDS).find(([, v]) => v === id?.toLowerCase())?.[0];
    const type = text(r, 'phoneType') ?? byId;
    const number = text(r, 'phoneNumber');
    return `the ${type ? `${type} ` : ''}phone${number ? ` ${number}` : ''}`;
  }
  if (info.type === 'email') {
    const address = text(r, 'emailAddress');
    return address ? `the email address ${address}` : 'the email method';
  }
  const name = text(r, 'displayName') ?? text(r?.get('device') as ShellRecord | undefined, 'serialNumber');
  return `the ${info.title}${name ? ` '${name}'` : ''}`;
}

function whoText(w: Who): string {
  const named = w.displayName && w.displayName !== w.userPrincipalName;
  return named ? `${w.displayName} <${w.userPrincipalName}>` : w.userPrincipalName;
}

/** The user's UPN and display name, read once per call (the question and errors name them). */
function who(ctx: CommandContext, graph: GraphClient, plan: UserPlan, userId: string, given: unknown): Promise<Who> {
  plan.who ??= (async () => {
    const upn = given instanceof ShellRecord ? text(given, 'userPrincipalName') : undefined;
    // A user record names its user; a method record's displayName is the method's.
    if (upn && given instanceof ShellRecord && !given.has('userId') && !given.has('type')) {
      return { userPrincipalName: upn, displayName: text(given, 'displayName') ?? '' };
    }
    try {
      const query = { $select: 'id,userPrincipalName,displayName' };
      const r = await read<GraphObject>(ctx, graph, { path: `/users/${seg(userId)}`, query });
      const name = r.body.displayName;
      const upnRead = String(r.body.userPrincipalName ?? userId);
      return { userPrincipalName: upnRead, displayName: typeof name === 'string' ? name : '' };
    } catch {
      return { userPrincipalName: typeof given === 'string' ? given : userId, displayName: '' };
    }
  })();
  return plan.who;
}

/** "Megan Bowen <MeganB@contoso.com>" for a question about the user `userId` (one lookup per call and user). */
export async function userForQuestion(
  ctx: CommandContext,
  graph: GraphClient,
  userId: string,
  given: unknown,
): Promise<string> {
  return whoText(await who(ctx, graph, planOf(ctx, userId), userId, given));
}

/** Whether the user holds a privileged directory role (GET …/memberOf/microsoft.graph.directoryRole). */
function roles(ctx: CommandContext, graph: GraphClient, plan: UserPlan, userId: string): Promise<Roles> {
  plan.roles ??= (async () => {
    try {
      const path = `/users/${seg(userId)}/memberOf/microsoft.graph.directoryRole`;
      const query = { $select: 'id,displayName,roleTemplateId' };
      const req = { method: 'GET' as const, path, query, signal: ctx.signal };
      for await (const r of graph.items<GraphObject>(req)) {
        const name = PRIVILEGED_ROLES[String(r.roleTemplateId ?? '').toLowerCase()];
        if (name) return { role: name };
      }
      return { role: undefined };
    } catch (e) {
      return { unknown: graphError(e, undefined, ctx).message };
    }
  })();
  return plan.roles;
}

function methods(ctx: CommandContext, graph: GraphClient, plan: UserPlan, userId: string): Promise<ShellRecord[]> {
  plan.methods ??= (async () => {
    const out: ShellRecord[] = [];
    for await (const m of allMethods(ctx, graph, userId)) out.push(m);
    return out;
  })();
  return plan.methods;
}

export interface Removal {
  info: MethodTypeInfo;
  /** The method id (undefined for a singleton). */
  id: string | undefined;
  /** -force: past the guard. */
  force: boolean;
}

type Decision = 'go' | 'declined' | 'defer' | { refused: () => Promise<string> };

/**
 * Removes one method of the user `userId` (resolved from `user`, the -user value), through the
 * guard, Graph's order and the question. True when it was removed (under -whatif: would be).
 */
export async function removeOne(
  ctx: CommandContext,
  graph: GraphClient,
  userId: string,
  user: unknown,
  r: Removal,
): Promise<boolean> {
  const plan = planOf(ctx, userId);
  const key = keyOf(r.info.type, r.id);
  const mobile = r.info.type === 'phone' && r.id?.toLowerCase() === MOBILE;
  const guarded = !r.force && MFA_TYPES.has(r.info.type);
  const known = guarded || mobile ? await methods(ctx, graph, plan, userId) : [];
  const piped = ctx.item instanceof ShellRecord && ctx.item.has('type') ? ctx.item : undefined;
  const what = describeMethod(r.info, r.id, piped ?? known.find((m) => recordKey(m) === key));
  const whom = async () => whoText(await who(ctx, graph, plan, userId, user));
  // Errors and refusals name the user by UPN: a method record carries it beside userId (no lookup).
  const named = async () => (user instanceof ShellRecord && text(user, 'userPrincipalName')) || whom();

  // Decisions are taken in turn, so nothing slow happens inside one: the message (which may
  // need the user's name) is made after the turn, and the roles are read before it when this
  // may be the user's last phishing-resistant method.
  const has = known.some((m) => recordKey(m) === key);
  const left = () => known.filter((m) => recordKey(m) !== key && !plan.gone.has(recordKey(m)));
  const lastPhishingResistant = () =>
    PHISHING_RESISTANT.has(r.info.type) && !left().some((m) => PHISHING_RESISTANT.has(typeOf(m)));
  if (guarded && has && lastPhishingResistant()) void roles(ctx, graph, plan, userId);
  const refusal = async (): Promise<(() => Promise<string>) | undefined> => {
    // A method the user does not have takes nothing away: Graph's 404 says so.
    if (!guarded || !has) return undefined;
    if (!left().some((m) => MFA_TYPES.has(typeOf(m)))) {
      const rest = [...new Set(left().map(typeOf))];
      const rests = rest.length ? `left: ${rest.join(', ')}` : 'nothing left';
      return async () => `removing ${what} would leave ${await named()} with no MFA-capable method (${rests})`;
    }
    if (!lastPhishingResistant()) return undefined;
    const held = await roles(ctx, graph, plan, userId);
    // The roles may have been read while others decided: look again at what is left.
    if (!lastPhishingResistant()) return undefined;
    const last = async () => `${what} is the last phishing-resistant method of ${await named()}`;
    const why = 'unknown' in held ? held.unknown : undefined;
    if (why !== undefined) return async () => `${await last()}, whose directory roles could not be read (${why})`;
    const role = 'role' in held ? held.role : undefined;
    return role ? async () => `${await last()}, who holds the privileged role ${role}` : undefined;
  };

  let settle: () => void = () => undefined;
  const decide = async (mayDefer: boolean): Promise<Decision> => {
    const alternateStays = known.some((m) => recordKey(m) === ALTERNATE) && !plan.gone.has(ALTERNATE);
    if (mobile && mayDefer && alternateStays) return 'defer';
    const refused = await refusal();
    if (refused) return { refused };
    plan.gone.add(key);
    const ok = ctx.confirm ? await ctx.confirm(async () => `Remove ${what} of ${await whom()}?`) : true;
    if (!ok) plan.gone.delete(key);
    else plan.settling.set(key, new Promise<void>((done) => (settle = done)));
    plan.decided(key);
    return ok ? 'go' : 'declined';
  };

  let decision = ctx.inTurn ? await ctx.inTurn(() => decide(true)) : await decide(true);
  if (decision === 'defer') {
    // The same call may remove this user's alternateMobile later: wait for its decision (at most
    // a bounded number of items ahead), then decide.
    await Promise.race([plan.whenDecided(ALTERNATE), ctx.laterTurns ? ctx.laterTurns() : Promise.resolve()]);
    decision = await decide(false);
  }
  if (decision === 'declined') return false;
  if (typeof decision === 'object') {
    const message = `${ctx.command.name}: refused: ${await decision.refused()}; -force removes it anyway`;
    if (ctx.whatIf) {
      ctx.host.info(`what if: ${message.slice(ctx.command.name.length + 2)}`);
      return false;
    }
    const refusal = commandError(
      ctx,
      'LastMethodRefused',
      message.slice(ctx.command.name.length + 2),
      ctx.item ?? r.id ?? null,
    );
    refusal.command = ctx.command.name;
    throw refusal;
  }
  try {
    if (mobile) await plan.settling.get(ALTERNATE);
    return (await deleteMethod(ctx, graph, userId, r.info, r.id)) || ctx.whatIf;
  } catch (e) {
    plan.gone.delete(key);
    const err = graphError(e, ctx.item ?? r.id, ctx);
    const prefix = `${ctx.command.name}: `;
    const reason = err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message;
    const message = `${ctx.command.name}: could not remove ${what} of ${await named()}: ${reason}`;
    throw reworded(err, message, e);
  } finally {
    settle();
  }
}
