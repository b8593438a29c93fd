// Users looked up by id or userPrincipalName in groups, for the records of commands that write
// by the text they were given (add-phone by UPN from a CSV): the record needs the user's object
// id, and one GET /users/{upn} a row would double a bulk run's requests. Lookups that arrive
// together go as one GET /users?$filter=userPrincipalName eq 'a' or id eq 'b' or … of at most
// 15 terms (Graph's limit on a filter's expressions), so 2,000 rows cost about 134 lookups
// beside their 2,000 writes. A lookup never fails: a user it cannot find (or a failed query)
// is undefined, and the caller names the user by the text given.
import type { GraphClient } from '../../../graph/types.js';

/** Graph allows 15 expressions in one filter clause. */
const MAX_TERMS = 15;

interface Waiter {
  key: string;
  resolve(user: Record<string, unknown> | undefined): void;
}

/** What a lookup asks for: who the user is. */
const SELECT = 'id,userPrincipalName,displayName';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const quoted = (s: string) => `'${s.replace(/'/g, "''")}'`;

class Lookups {
  private waiting: Waiter[] = [];
  private scheduled = false;

  constructor(private readonly client: GraphClient) {}

  find(key: string): Promise<Record<string, unknown> | undefined> {
    return new Promise((resolve) => {
      this.waiting.push({ key, resolve });
      if (this.waiting.length >= MAX_TERMS) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        // What the other items of this run ask for before the next turn of the loop joins the group.
        setImmediate(() => {
          this.scheduled = false;
          this.flush();
        });
      }
    });
  }

  private flush(): void {
    while (this.waiting.length > 0) void this.send(this.waiting.splice(0, MAX_TERMS));
  }

  private async send(group: Waiter[]): Promise<void> {
    const keys = [...new Set(group.map((w) => w.key.toLowerCase()))];
    const filter = keys.map((k) => `${GUID.test(k) ? 'id' : 'userPrincipalName'} eq ${quoted(k)}`).join(' or ');
    const found = new Map<string, Record<string, unknown>>();
    try {
      const req = {
        method: 'GET' as const,
        path: '/users',
        query: { $filter: filter, $select: SELECT, $top: String(MAX_TERMS) },
      };
      for await (const u of this.client.items<Record<string, unknown>>(req)) {
        for (const k of ['id', 'userPrincipalName'])
          if (typeof u[k] === 'string') found.set((u[k] as string).toLowerCase(), u);
      }
    } catch {
      // Undefined for each: the records then name their users by the text given.
    }
    for (const w of group) w.resolve(found.get(w.key.toLowerCase()));
  }
}

const perClient = new WeakMap<GraphClient, Lookups>();

/** The user (id, userPrincipalName, displayName) whose id or userPrincipalName is `key`, in any case. */
export function lookUpUser(client: GraphClient, key: string): Promise<Record<string, unknown> | undefined> {
  let lookups = perClient.get(client);
  if (!lookups) {
    lookups = new Lookups(client);
    perClient.set(client, lookups);
  }
  return lookups.find(key);
}
