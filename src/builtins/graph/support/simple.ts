// A factory for the plainest Graph command: list a user's methods of one type (get-email,
// get-password, and the read commands of other method types). One call, one record per method.
import type { CommandExample, CommandSpec } from '../../../runtime/command.js';
import { methodTypeOf, type MethodTypeName } from '../../../graph/catalogue.js';
import { graphOf } from './client.js';
import { methodsOfType } from './methods.js';
import { methodProperties, withUser } from './records.js';
import { resolveUserIdentity, userParam } from './user.js';

export interface ListCommandOptions {
  name: string;
  type: MethodTypeName;
  synopsis: string;
  /** Said after the Graph call in the description: the permission it needs and any rule. */
  details: string;
  examples: readonly CommandExample[];
}

/** `get-X [-user] U`: GET /users/{id}/authentication/{segment}, one record per method. */
export function listCommand(o: ListCommandOptions): CommandSpec {
  const info = methodTypeOf(o.type)!;
  const description = `GET /users/{id}/authentication/${info.segment}${info.version === 'beta' ? ' (beta)' : ''}. Records have type ${info.type}, userId and userPrincipalName. ${o.details}`;
  return methodListSpec({ name: o.name, type: o.type, synopsis: o.synopsis, description, examples: o.examples });
}

/** The one shape of every "list a user's methods of a type" command; only its texts differ. */
export function methodListSpec(o: { name: string; type: MethodTypeName; synopsis: string; description: string; examples: readonly CommandExample[] }): CommandSpec {
  const info = methodTypeOf(o.type)!;
  return {
    name: o.name,
    needsGraph: true,
    checkpointed: false,
    finishesInFlightOnStop: true,
    synopsis: o.synopsis,
    description: o.description,
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
