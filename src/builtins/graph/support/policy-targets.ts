// set-policy's typed target settings: properties that live on each of a configuration's
// includeTargets rather than on the configuration (Sms's isUsableForSignIn, and
// isRegistrationRequired), so `-usableForSignIn $true -target all_users` and
// `-setting 'isUsableForSignIn=true'` build the nested includeTargets PATCH Graph expects.
export type Target = Record<string, unknown> & { id: string };

/** Settings that belong on include targets, by their lower-case name. */
export const TARGET_SETTINGS: ReadonlyMap<string, string> = new Map(
  ['isUsableForSignIn', 'isRegistrationRequired'].map((n) => [n.toLowerCase(), n]),
);

/**
 * includeTargets with `props` set on the targets named in `ids` (every current target when none is
 * named); a named group not yet included is added as a group target, the others are kept as they are.
 */
export function retarget(current: unknown, ids: string[] | undefined, props: Record<string, unknown>): Target[] {
  const list = (Array.isArray(current) ? current : []) as Target[];
  const wanted = ids && ids.length > 0 ? ids : list.map((t) => String(t.id));
  const named = (t: Target) => wanted.some((id) => id.toLowerCase() === String(t.id).toLowerCase());
  const out = list.map((t) => (named(t) ? { ...t, ...props } : t));
  for (const id of wanted)
    if (!out.some((t) => String(t.id).toLowerCase() === id.toLowerCase()))
      out.push({ id, targetType: 'group', isRegistrationRequired: false, ...props });
  return out;
}
