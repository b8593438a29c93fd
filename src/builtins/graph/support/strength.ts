// What the authentication-strength commands share (docs/graph.md "Authentication strengths"): the v1.0 paths, the
// built-in strengths (fixed ids and names: known without asking Graph, so a change to one is
// refused before any request), finding a strength by id or exact display name, the usage
// function as a flat list of the Conditional Access policies using a strength, and the record.
import type { CommandContext, ParameterSpec } from '../../../runtime/command.js';
import { ShellRecord } from '../../../runtime/record.js';
import { fromPlain } from '../../../runtime/values.js';
import type { GraphClient } from '../../../graph/types.js';
import { read } from '../kit/calls.js';
import { commandError } from '../../support/errors.js';
import { graphRecord } from './records.js';
import { graphError } from './client.js';

type GraphObject = Record<string, unknown>;
export const STRENGTHS_PATH = '/policies/authenticationStrengthPolicies';
export const strengthPath = (id: string) => `${STRENGTHS_PATH}/${encodeURIComponent(id)}`;

/** Microsoft's built-in strengths: documented fixed ids, read-only. */
export const BUILT_IN: readonly { id: string; displayName: string }[] = [
  { id: '00000000-0000-0000-0000-000000000002', displayName: 'Multifactor authentication' },
  { id: '00000000-0000-0000-0000-000000000003', displayName: 'Passwordless MFA' },
  { id: '00000000-0000-0000-0000-000000000004', displayName: 'Phishing resistant MFA' },
];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isId = (s: string) => GUID.test(s.trim());

/** The properties a strength record shows first (and Tab completes). */
/** The strength a changing command acts on: a custom one, by id or exact display name (records pipe in by id). */
export const STRENGTH_PARAM: ParameterSpec = {
  name: 'strength',
  type: 'string',
  required: true,
  position: 0,
  aliases: ['id'],
  fromPipeline: 'property',
  placeholder: 'STRENGTH',
  description: 'The custom strength: its id or exact display name.',
};

export const STRENGTH_PROPERTIES = [
  'type',
  'displayName',
  'policyType',
  'requirementsSatisfied',
  'allowedCombinations',
  'description',
  'createdDateTime',
  'modifiedDateTime',
  'id',
];

/** A strength as a record: `type: 'authStrength'`, Graph's names, `usedBy` when the usage was asked. */
export function strengthRecord(obj: GraphObject, usedBy?: ShellRecord[]): ShellRecord {
  const r = new ShellRecord([['type', 'authStrength']]);
  for (const [k, v] of graphRecord(obj, STRENGTH_PROPERTIES.slice(1, -1), ['id'])) r.set(k, v);
  if (usedBy) r.set('usedBy', usedBy);
  return r;
}

/** The built-in strength this id or name means, if it is one. */
export function builtInOf(ref: string): { id: string; displayName: string } | undefined {
  const s = ref.trim().toLowerCase();
  return BUILT_IN.find((b) => b.id === s || b.displayName.toLowerCase() === s);
}

/** The error for changing a built-in strength (before any request: Graph would refuse it). */
export function builtInError(ctx: CommandContext, b: { id: string; displayName: string }, verb: string) {
  return commandError(
    ctx,
    'BuiltInStrength',
    `'${b.displayName}' (${b.id}) is a built-in authentication strength: Microsoft's built-ins cannot be ${verb}; ` +
      'create a custom one with new-authstrength instead',
    b.id,
  );
}

/** Every strength of the tenant (built-in and custom), optionally through a $filter. */
export async function listStrengths(ctx: CommandContext, client: GraphClient, filter?: string): Promise<GraphObject[]> {
  const path = filter ? `${STRENGTHS_PATH}?$filter=${encodeURIComponent(filter)}` : STRENGTHS_PATH;
  const r = await read<{ value?: GraphObject[] }>(ctx, client, { path, version: 'v1.0' });
  return r.body.value ?? [];
}

/**
 * One strength by id, or by display name (case-insensitive, exact): an unknown one is an error
 * naming the strengths there are; a name two strengths share asks for the id.
 */
export async function findStrength(ctx: CommandContext, client: GraphClient, ref: string): Promise<GraphObject> {
  if (isId(ref)) {
    try {
      return (
        await client.request<GraphObject>({
          method: 'GET',
          path: strengthPath(ref.trim()),
          version: 'v1.0',
          signal: ctx.signal,
        })
      ).body;
    } catch (e) {
      if ((e as { status?: number }).status !== 404) throw graphError(e, undefined, ctx);
      throw commandError(ctx, 'StrengthNotFound', `no authentication strength has the id ${ref}`, ref);
    }
  }
  const all = await listStrengths(ctx, client);
  const same = all.filter((p) => String(p.displayName).toLowerCase() === ref.trim().toLowerCase());
  if (same.length === 1) return same[0]!;
  if (same.length > 1) {
    const ids = same.map((p) => String(p.id)).join(', ');
    throw commandError(
      ctx,
      'AmbiguousStrength',
      `${same.length} authentication strengths are named '${ref}': give the id (${ids})`,
      ref,
    );
  }
  const names = all.map((p) => `'${String(p.displayName)}'`).join(', ');
  throw commandError(
    ctx,
    'StrengthNotFound',
    `no authentication strength is named '${ref}': the tenant has ${names}`,
    ref,
  );
}

interface UsageEntry {
  displayName?: string;
  id?: string;
}

/** The Conditional Access policies using a strength (the usage function), `requirement` mfa | none. */
export async function usageOf(ctx: CommandContext, client: GraphClient, id: string): Promise<ShellRecord[]> {
  const r = await read<{ mfa?: UsageEntry[]; none?: UsageEntry[] }>(ctx, client, {
    path: `${strengthPath(id)}/usage`,
    version: 'v1.0',
  });
  const entry = (requirement: string) => (c: UsageEntry) =>
    new ShellRecord([
      ['displayName', fromPlain(c.displayName ?? null)],
      ['requirement', requirement],
      ['id', fromPlain(c.id ?? null)],
    ]);
  return [...(r.body.mfa ?? []).map(entry('mfa')), ...(r.body.none ?? []).map(entry('none'))];
}
