// The shape every read-and-remove method family shares (FIDO2, Authenticator, passwordless,
// WHfB, software/hardware OATH, platform credential, TAP, QR+PIN, external): `get-X -user U`
// lists the user's methods of that type, `remove-X -user U -id ID` deletes one. The per-command
// files only name the type, the permission and the examples; URLs and versions come from the
// catalogue (src/graph/catalogue.ts), so a family cannot drift from remove-method.
import type { CommandExample, CommandSpec } from '../../runtime/command.js';
import { ShellError } from '../../runtime/errors.js';
import { ShellRecord } from '../../runtime/record.js';
import { methodTypeOf, type MethodTypeInfo, type MethodTypeName } from '../../graph/catalogue.js';
import { graphError, graphOf } from './support/client.js';
import { methodsOfType } from './support/methods.js';
import { FORCE_PARAM, removeOne } from './support/removal.js';
import { methodListSpec } from './support/simple.js';
import { resolveUser, userParam } from './support/user.js';
import { ID_PARAM, idArg, isMethodRecord, userLabel } from './method-kit.js';

export interface FamilyOptions {
  name: string;
  type: MethodTypeName;
  /** Least-privileged permission, for the help text (REFERENCE.md §2, §9). */
  permission: string;
  examples: readonly CommandExample[];
  description?: string;
}

export function typeInfo(type: MethodTypeName): MethodTypeInfo {
  const info = methodTypeOf(type);
  if (!info) throw new Error(`catalogue has no method type ${type}`);
  return info;
}

const versionNote = (info: MethodTypeInfo) => (info.version === 'beta' ? ' (Graph beta: it has no v1.0 endpoint)' : '');

export function listCommand(o: FamilyOptions): CommandSpec {
  const info = typeInfo(o.type);
  return methodListSpec({
    name: o.name,
    type: o.type,
    synopsis: `List a user's ${info.title} methods.`,
    description:
      `${o.description ? o.description + ' ' : ''}Graph: GET /users/{id}/authentication/${info.segment}${versionNote(info)}. ` +
      `Permission: ${o.permission}. Each record carries type '${info.type}' and userId, so it pipes to remove-${o.name.slice(4)} and remove-method.`,
    examples: o.examples,
  });
}

export function removeCommand(o: FamilyOptions & { removeAllWithoutId?: boolean }): CommandSpec {
  const info = typeInfo(o.type);
  const needsId = !info.singleton;
  return {
    name: o.name,
    needsGraph: true,
    checkpointed: true,
    finishesInFlightOnStop: true,
    synopsis: `Remove a user's ${info.title} method.`,
    description:
      `${o.description ? o.description + ' ' : ''}Graph: DELETE /users/{id}/authentication/${info.segment}${needsId ? '/{methodId}' : ''}${versionNote(info)}. ` +
      `Permission: ${o.permission}. ${o.removeAllWithoutId ? `Without -id it removes the user's ${info.title} (there is at most one). ` : ''}` +
      "Refused (unless -force) when it would leave the user no MFA-capable method, or take a privileged-role holder's last " +
      'phishing-resistant one. Emits nothing. A failed item is reported and the others go on.',
    input: 'item',
    concurrent: true,
    changesState: true,
    destructive: true,
    parameters: needsId ? [userParam({ position: 0 }), ID_PARAM, FORCE_PARAM] : [userParam({ position: 0 }), FORCE_PARAM],
    examples: o.examples,
    async *run(ctx, args) {
      const item = ctx.item;
      // A method record of another type would delete the wrong thing under this noun: say so.
      const itemType = item instanceof ShellRecord && isMethodRecord(item) ? item.get('type') : undefined;
      if (typeof itemType === 'string' && itemType.toLowerCase() !== info.type.toLowerCase()) {
        throw new ShellError('InvalidArgument', `${o.name}: the input is a ${itemType} method, not a ${info.title}; remove-method removes any type`, { span: ctx.span, target: item });
      }
      const graph = await graphOf(ctx);
      const userId = await resolveUser(ctx, graph, args.user);
      let ids: (string | undefined)[] = [needsId ? idArg(ctx, args) : undefined];
      if (needsId && ids[0] === undefined) {
        if (!o.removeAllWithoutId) {
          throw new ShellError('MissingArgument', `${o.name}: -id is required for user '${userLabel(args.user)}': the ${info.title}'s id (get-${o.name.slice(7)} lists them)`, { span: ctx.span, target: item ?? null });
        }
        ids = [];
        for await (const m of methodsOfType(ctx, graph, userId, info)) ids.push(String(m.get('id')));
      }
      for (const id of ids) {
        try {
          await removeOne(ctx, graph, userId, args.user, { info, id, force: args.force === true });
        } catch (e) {
          // One failed method is one non-terminating error naming it; the others go on.
          ctx.writeError(graphError(e, item ?? id ?? userLabel(args.user), ctx));
        }
      }
    },
  };
}
