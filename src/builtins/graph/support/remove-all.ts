// remove-method -all (issue 13, offboarding): every method of one user but the password, each
// through removeOne (removal.ts) so the last-method guard, Graph's order and the error wording
// are the ones every removal has. The order: what is not MFA-capable first, then the MFA-capable
// methods with the phishing-resistant ones last and an alternateMobile before the mobile, so
// that what the guard refuses (the last MFA-capable or a privileged holder's last
// phishing-resistant method) is what stays. One question for the whole user; a refusal is
// written (non-terminating) and the rest go on.
import type { CommandContext } from '../../../runtime/command.js';
import { ShellError } from '../../../vocabulary/errors.js';
import type { ShellRecord } from '../../../runtime/record.js';
import { PHONE_METHOD_IDS, methodTypeOf, type MethodTypeName } from '../../../graph/catalogue.js';
import type { GraphClient } from '../../../graph/types.js';
import { allMethods } from '../kit/calls.js';
import { MFA_TYPES, PHISHING_RESISTANT, removeOne, userForQuestion } from './removal.js';

const rank = (m: ShellRecord): number => {
  const type = String(m.get('type')) as MethodTypeName;
  if (!MFA_TYPES.has(type)) return 0;
  if (PHISHING_RESISTANT.has(type)) return 3;
  // The mobile goes after the alternateMobile (Graph refuses it while one exists).
  return type === 'phone' && String(m.get('id')).toLowerCase() === PHONE_METHOD_IDS.mobile ? 2 : 1;
};

/** Removes every method of `userId` but the password; the removed method records. */
export async function removeAll(
  ctx: CommandContext,
  graph: GraphClient,
  userId: string,
  user: unknown,
  force: boolean,
): Promise<ShellRecord[]> {
  const found: ShellRecord[] = [];
  for await (const m of allMethods(ctx, graph, userId))
    if (methodTypeOf(String(m.get('type')))?.deletable) found.push(m);
  if (found.length === 0) return [];
  const ordered = found.map((m, i) => ({ m, i })).sort((a, b) => rank(a.m) - rank(b.m) || a.i - b.i);
  if (ctx.confirm) {
    const types = ordered.map((e) => String(e.m.get('type'))).join(', ');
    const q = async () =>
      `Remove all ${found.length} methods but the password (${types}) of ${await userForQuestion(ctx, graph, userId, user)}?`;
    if (!(await ctx.confirm(q))) return [];
  }
  // One item's removals are decided here in order, not in the call's turns (each would be a turn).
  const sub = Object.create(ctx, { inTurn: { value: undefined }, laterTurns: { value: undefined } }) as CommandContext;
  const removed: ShellRecord[] = [];
  for (const { m } of ordered) {
    const info = methodTypeOf(String(m.get('type')))!;
    const id = info.singleton ? undefined : String(m.get('id'));
    try {
      if (await removeOne(sub, graph, userId, user, { info, id, force })) removed.push(m);
    } catch (e) {
      if (!(e instanceof ShellError) || e.fatal) throw e;
      ctx.writeError(e);
    }
  }
  return removed;
}
