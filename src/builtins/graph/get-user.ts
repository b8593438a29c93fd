// get-user: find users by id, userPrincipalName or the start of a name (docs/architecture.md "get-user X
// resolves X by its form"). A GUID or text with `@` is one GET /users/{X} (404 names X); other
// text is a case-insensitive prefix search on displayName, mail and userPrincipalName and may
// emit several users (none is an error naming X); `me` is the signed-in user (delegated only).
// Records keep Graph's property names.
import type { CommandSpec } from '../../runtime/command.js';
import { ShellRecord } from '../../runtime/record.js';
import { toText } from '../../runtime/values.js';
import { USER_PROPERTIES, userRecord } from './support/records.js';
import { graphOf } from './support/client.js';
import { getUserObject, isGuid, isMe, searchUsers, signedInUser, userParam } from './support/user.js';
import { permissionHelp } from './kit/permission.js';
import { commandError, invalidArgument } from '../support/errors.js';

/** The `$select` list: -property replaces the default one (docs/architecture.md). */
export function selectList(property: unknown): readonly string[] {
  if (!Array.isArray(property) || property.length === 0) return USER_PROPERTIES;
  return property
    .flatMap((p) => String(p).split(','))
    .map((p) => p.trim())
    .filter(Boolean);
}

const getUser: CommandSpec = {
  name: 'get-user',
  needsGraph: true,
  checkpointed: false,
  finishesInFlightOnStop: true,
  synopsis: 'Find users by id, userPrincipalName or the start of a name.',
  description:
    'An id (GUID) or a userPrincipalName (text with @) is looked up directly: GET /users/{X}. Any other text is a ' +
    "case-insensitive prefix of displayName, mail or userPrincipalName: GET /users?$filter=startswith(displayName,'X') or … " +
    "and may emit several users; none found is an error naming X. 'me' is the signed-in user (delegated sign-in only). " +
    'Records hold id, displayName, userPrincipalName, mail, ' +
    'givenName, surname, jobTitle, department, accountEnabled, onPremisesSyncEnabled and usageLocation ($select; -property ' +
    'replaces the list). Strings and records from the pipeline are looked up one by one. ' +
    permissionHelp('GET', '/users/{id}', 'User.ReadBasic.All'),
  input: 'item',
  emits: USER_PROPERTIES,
  concurrent: true,
  parameters: [
    userParam({
      position: 0,
      description:
        "An id, a userPrincipalName, 'me' (the signed-in user), or the start of a display name, mail or userPrincipalName " +
        '(every user it matches); or a record from the pipeline.',
    }),
    {
      name: 'property',
      type: 'strings',
      placeholder: 'NAME,…',
      description: 'The properties to ask Graph for ($select), instead of the default list.',
    },
  ],
  examples: [
    {
      title: 'Look a user up by userPrincipalName',
      code: 'get-user CameronW@contoso.com | foreach { $_.displayName }',
      output: ['Cameron White'],
    },
    {
      title: 'Find users whose name starts with some text',
      code: "get-user 'ad' | sort userPrincipalName | foreach { $_.userPrincipalName }",
      output: ['AdeleV@contoso.com', 'admin@contoso.com'],
    },
    {
      title: 'Who am I signed in as (delegated sign-in)',
      code: 'get-user me | foreach { $_.userPrincipalName }',
      output: ['admin@contoso.com'],
    },
    {
      title: 'Ask for other properties',
      code: 'get-user AlexW@contoso.com -property id,department | foreach { $_.department }',
      output: ['Marketing'],
    },
  ],
  async *run(ctx, args) {
    const client = await graphOf(ctx);
    const select = selectList(args.property);
    const value = args.user;
    let key: string;
    if (value instanceof ShellRecord) {
      const k = ['userId', 'id', 'userPrincipalName', 'upn']
        .map((n) => value.get(n))
        .find((v) => typeof v === 'string' && v !== '');
      if (typeof k !== 'string')
        throw invalidArgument(ctx, 'the record has no userId, id, userPrincipalName or upn', value);
      key = k;
    } else key = toText(value).trim();
    if (key === '')
      throw invalidArgument(ctx, "-user '' is not a user: expected an id, a userPrincipalName or a display name");
    if (isMe(key)) key = (await signedInUser(ctx, client)).id;
    if (isGuid(key) || key.includes('@')) {
      yield userRecord(await getUserObject(ctx, client, key, select));
      return;
    }
    let found = 0;
    for await (const u of searchUsers(ctx, client, key, select)) {
      found++;
      yield userRecord(u);
    }
    if (found === 0) {
      throw commandError(
        ctx,
        'Request_ResourceNotFound',
        `no user's displayName, mail or userPrincipalName starts with '${key}'`,
        key,
      );
    }
  },
};

export default getUser;
