// The shape every read-and-remove method family shares (email, password, FIDO2, Authenticator,
// passwordless, WHfB, software/hardware OATH, platform credential, TAP, QR+PIN, external):
// `get-X -user U` lists the user's methods of that type, `remove-X -user U -id ID` deletes one.
// The per-command files only name the type, its texts and the examples; URLs and versions come
// from the catalogue (src/graph/catalogue.ts) and the permission from graph/permissions.ts, so a
// family cannot drift from remove-method.
import type { CommandExample, CommandSpec } from '../../../runtime/command.js';
import { ShellRecord } from '../../../runtime/record.js';
import { methodTypeOf, type MethodTypeInfo, type MethodTypeName } from '../../../graph/catalogue.js';
import { invalidArgument, missingArgument } from '../../support/errors.js';
import { graphError, graphOf } from '../support/client.js';
import { methodProperties, withUser } from '../support/records.js';
import { FORCE_PARAM, removeOne } from '../support/removal.js';
import { resolveUser, resolveUserIdentity, userParam } from '../support/user.js';
import { methodsOfType } from './calls.js';
import { ID_PARAM, idArg, isMethodRecord, userLabel } from './params.js';
import { permissionHelp } from './permission.js';

export interface FamilyOptions {
  name: string;
  type: MethodTypeName;
  /** The method type's own narrower permission, named beside graph/permissions.ts's (e.g. UserAuthMethod-TAP.Read.All). */
  narrowerPermission?: string;
  /** Defaults to "List a user's TITLE methods." / "Remove a user's TITLE method.". */
  synopsis?: string;
  examples: readonly CommandExample[];
  /** Said first in the help, before the Graph call. */
  description?: string;
}

/** A type's collection as help shows it (and permissions.ts is asked about): `/users/{id}/authentication/…`. */
const helpPath = (info: MethodTypeInfo): string => `/users/{id}/authentication/${info.segment}`;

export function typeInfo(type: MethodTypeName): MethodTypeInfo {
  const info = methodTypeOf(type);
  if (!info) throw new Error(`catalogue has no method type ${type}`);
  return info;
}

const versionNote = (info: MethodTypeInfo) => (info.version === 'beta' ? ' (Graph beta: it has no v1.0 endpoint)' : '');

/** `get-X [-user] U`: GET /users/{id}/authentication/{segment}, one record per method. */
export function listCommand(o: FamilyOptions): CommandSpec {
  const info = typeInfo(o.type);
  const noun = o.name.slice(4);
  const pipesTo = info.deletable ? `, so it pipes to remove-${noun} and remove-method` : '';
  return {
    name: o.name,
    needsGraph: true,
    checkpointed: false,
    finishesInFlightOnStop: true,
    synopsis: o.synopsis ?? `List a user's ${info.title} methods.`,
    description:
      `${o.description ? o.description + ' ' : ''}Graph: GET ${helpPath(info)}${versionNote(info)}. ` +
      `${permissionHelp('GET', helpPath(info), o.narrowerPermission)} ` +
      `Each record carries type '${info.type}', userId and userPrincipalName${pipesTo}.`,
    input: 'item',
    emits: methodProperties(o.type),
    concurrent: true,
    parameters: [userParam({ position: 0 })],
    examples: o.examples,
    async *run(ctx, args) {
      const client = await graphOf(ctx);
      const user = await resolveUserIdentity(ctx, client, args.user);
      for await (const m of methodsOfType(ctx, client, user.id, info)) yield withUser(m, user);
    },
  };
}

export function removeCommand(o: FamilyOptions & { removeAllWithoutId?: boolean }): CommandSpec {
  const info = typeInfo(o.type);
  const needsId = !info.singleton;
  return {
    name: o.name,
    needsGraph: true,
    checkpointed: true,
    finishesInFlightOnStop: true,
    synopsis: o.synopsis ?? `Remove a user's ${info.title} method.`,
    description:
      `${o.description ? o.description + ' ' : ''}Graph: DELETE ${helpPath(info)}${needsId ? '/{methodId}' : ''}${versionNote(info)}. ` +
      `${permissionHelp('DELETE', helpPath(info), o.narrowerPermission)} ${o.removeAllWithoutId ? `Without -id it removes the user's ${info.title} (there is at most one). ` : ''}` +
      "Refused (unless -force) when it would leave the user no MFA-capable method, or take a privileged-role holder's last " +
      'phishing-resistant one. Emits nothing. A failed item is reported and the others go on.',
    input: 'item',
    concurrent: true,
    changesState: true,
    destructive: true,
    parameters: needsId
      ? [userParam({ position: 0 }), ID_PARAM, FORCE_PARAM]
      : [userParam({ position: 0 }), FORCE_PARAM],
    examples: o.examples,
    async *run(ctx, args) {
      const item = ctx.item;
      // A method record of another type would delete the wrong thing under this noun: say so.
      const itemType = item instanceof ShellRecord && isMethodRecord(item) ? item.get('type') : undefined;
      if (typeof itemType === 'string' && itemType.toLowerCase() !== info.type.toLowerCase()) {
        throw invalidArgument(
          ctx,
          `the input is a ${itemType} method, not a ${info.title}; remove-method removes any type`,
          item,
        );
      }
      const graph = await graphOf(ctx);
      const userId = await resolveUser(ctx, graph, args.user);
      let ids: (string | undefined)[] = [needsId ? idArg(ctx, args) : undefined];
      if (needsId && ids[0] === undefined) {
        if (!o.removeAllWithoutId) {
          throw missingArgument(
            ctx,
            `-id is required for user '${userLabel(args.user)}': the ${info.title}'s id (get-${o.name.slice(7)} lists them)`,
            item ?? null,
          );
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
