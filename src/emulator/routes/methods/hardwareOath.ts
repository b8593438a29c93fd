// Hardware OATH tokens (docs/graph.md §2 row 44): beta only; the list shows each token's device
// inline and, unlike the other method lists, supports `$select`, `$filter` and `$top`. GET {id}
// and DELETE {id} are added (beta) so `remove-hardware-oath` has something to call.
import { authorize } from '../../auth/permissions.js';
import { GraphError } from '../../http.js';
import type { Router } from '../../router.js';
import { methodsOf } from '../../store/methods.js';
import type { MethodRecord, TenantStore } from '../../store/tenant.js';
import { compileFilter, parseFilter, parseTop, type FilterSchema } from '../odata.js';
import { USER, listResponse, registerReadDelete, show, userOf } from './common.js';

const SEGMENT = 'hardwareOathMethods';
const RESOURCE = 'hardwareOathAuthenticationMethod';
const dev = (m: MethodRecord) => (m.device ?? {}) as Record<string, unknown>;
const STRING_OPS = ['eq', 'ne', 'startswith', 'not'] as const;

const SCHEMA: FilterSchema<MethodRecord> = {
  id: { ops: ['eq', 'ne', 'not'], get: (m) => m.id },
  'device/id': { ops: ['eq', 'ne', 'not'], get: (m) => dev(m).id },
  'device/serialnumber': { ops: STRING_OPS, get: (m) => dev(m).serialNumber },
  'device/displayname': { ops: STRING_OPS, get: (m) => dev(m).displayName },
  'device/manufacturer': { ops: STRING_OPS, get: (m) => dev(m).manufacturer },
  'device/model': { ops: STRING_OPS, get: (m) => dev(m).model },
  'device/status': { ops: ['eq', 'ne', 'not'], get: (m) => dev(m).status },
};
const SELECTABLE = ['id', 'device'];

export function registerHardwareOathRoutes(router: Router, store: TenantStore): void {
  router.get(
    `${USER}/${SEGMENT}`,
    (req) => {
      const user = userOf(store, req);
      authorize(req, { kind: 'methods', write: false, userId: user.id });
      let items = methodsOf(user, 'hardwareOath');
      const filter = req.query.get('$filter');
      if (filter !== null) {
        const match = compileFilter(parseFilter(filter), SCHEMA, RESOURCE);
        items = items.filter(match);
      }
      items = items.slice(0, parseTop(req.query.get('$top'), 999));
      let value: Record<string, unknown>[] = items.map((m) => show(store, user, m));
      const select = req.query.get('$select');
      if (select !== null) {
        const props = select
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const unknown = props.find((p) => !SELECTABLE.includes(p));
        if (unknown !== undefined) {
          throw new GraphError(
            400,
            'BadRequest',
            `Could not find a property named '${unknown}' on type 'microsoft.graph.${RESOURCE}'; expected $select from ${SELECTABLE.join(', ')}.`,
          );
        }
        value = value.map((v) =>
          Object.fromEntries([['@odata.type', v['@odata.type']], ...props.map((p) => [p, v[p]])]),
        );
      }
      return listResponse(req, user, SEGMENT, value);
    },
    { versions: ['beta'] },
  );
  registerReadDelete(router, store, 'hardwareOath', { list: false });
}
