// Hardware OATH tokens of a user (docs/graph.md §2 row 44 and "Hardware OATH token inventory"):
// beta only. The list shows each token's device inline (from the inventory, store/
// hardware-tokens.ts) and, unlike the other method lists, supports `$select`, `$filter` and
// `$top`. POST {device:{id}} assigns an inventory token, DELETE unassigns it (the token stays in
// the inventory), POST …/{id}/activate checks the user's 6-digit code against the token's
// secret (RFC 6238, ±1 time step) and …/deactivate takes the activation back. Graph documents no
// error bodies for the refusals: the emulator answers 400 badRequest saying what was wrong.
import { authorize } from '../../auth/permissions.js';
import { GraphError, badRequest, noContent, notFound, type EmuRequest } from '../../http.js';
import type { Router } from '../../router.js';
import { methodsOf } from '../../store/methods.js';
import type { MethodRecord, StoredUser, TenantStore } from '../../store/tenant.js';
import { assignToken, deviceOf, findToken, unassignToken, verifyCode } from '../../store/hardware-tokens.js';
import { compileFilter, parseFilter, parseTop, type FilterSchema } from '../odata.js';
import {
  USER,
  bodyObject,
  entityResponse,
  listResponse,
  methodOr404,
  onlyProperties,
  requiredString,
  show,
  userOf,
} from './common.js';

const SEGMENT = 'hardwareOathMethods';
const RESOURCE = 'hardwareOathAuthenticationMethod';
const STRING_OPS = ['eq', 'ne', 'startswith', 'not'] as const;
const BETA = { versions: ['beta'] as const };

export function registerHardwareOathRoutes(router: Router, store: TenantStore): void {
  const dev = (m: MethodRecord) => deviceOf(store.data, m.id) ?? {};
  const SCHEMA: FilterSchema<MethodRecord> = {
    id: { ops: ['eq', 'ne', 'not'], get: (m) => m.id },
    'device/id': { ops: ['eq', 'ne', 'not'], get: (m) => dev(m).id },
    'device/serialnumber': { ops: STRING_OPS, get: (m) => dev(m).serialNumber },
    'device/displayname': { ops: STRING_OPS, get: (m) => dev(m).displayName },
    'device/manufacturer': { ops: STRING_OPS, get: (m) => dev(m).manufacturer },
    'device/model': { ops: STRING_OPS, get: (m) => dev(m).model },
    'device/status': { ops: ['eq', 'ne', 'not'], get: (m) => dev(m).status },
  };
  const access = (user: StoredUser, write: boolean) => ({ kind: 'methods' as const, write, userId: user.id });
  const reading = (req: EmuRequest) => {
    const user = userOf(store, req);
    authorize(req, access(user, false));
    return user;
  };
  const writing = (req: EmuRequest) => {
    const user = userOf(store, req);
    authorize(req, access(user, true));
    return { user, method: methodOr404(user, 'hardwareOath', req.params.id ?? '') };
  };
  /** The inventory token behind a user's method (it is always there: unassigning removes the method). */
  const tokenOf = (m: MethodRecord) => {
    const t = findToken(store.data, m.id);
    if (!t) throw notFound(m.id);
    return t;
  };

  router.get(
    `${USER}/${SEGMENT}`,
    (req) => {
      const user = reading(req);
      let items = methodsOf(user, 'hardwareOath');
      const filter = req.query.get('$filter');
      if (filter !== null) items = items.filter(compileFilter(parseFilter(filter), SCHEMA, RESOURCE));
      items = items.slice(0, parseTop(req.query.get('$top'), 999));
      let value: Record<string, unknown>[] = items.map((m) => show(store, user, m));
      const select = req.query.get('$select');
      if (select !== null) {
        const props = select
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const unknown = props.find((p) => !['id', 'device'].includes(p));
        if (unknown !== undefined) {
          throw new GraphError(
            400,
            'BadRequest',
            `Could not find a property named '${unknown}' on type 'microsoft.graph.${RESOURCE}'; ` +
              'expected $select from id, device.',
          );
        }
        value = value.map((v) =>
          Object.fromEntries([['@odata.type', v['@odata.type']], ...props.map((p) => [p, v[p]])]),
        );
      }
      return listResponse(req, user, SEGMENT, value);
    },
    BETA,
  );
  router.get(
    `${USER}/${SEGMENT}/{id}`,
    (req) => {
      const user = reading(req);
      return entityResponse(
        req,
        user,
        SEGMENT,
        show(store, user, methodOr404(user, 'hardwareOath', req.params.id ?? '')),
      );
    },
    BETA,
  );
  router.post(
    `${USER}/${SEGMENT}`,
    (req) => {
      const user = userOf(store, req);
      authorize(req, access(user, true));
      const body = bodyObject(req);
      onlyProperties(body, ['device'], RESOURCE);
      const device = body.device as { id?: unknown } | undefined;
      const id = device && typeof device === 'object' && typeof device.id === 'string' ? device.id : '';
      if (!id)
        throw badRequest('Property \'device\' is required: expected {"id": "<hardware token id>"}.', 'invalidRequest');
      const t = findToken(store.data, id);
      if (!t) throw notFound(id);
      if (t.assignedTo) {
        const whom = t.assignedTo.id.toLowerCase() === user.id.toLowerCase() ? 'this user' : t.assignedTo.displayName;
        throw badRequest(`The hardware OATH token '${t.serialNumber}' is already assigned to ${whom}.`);
      }
      const m = assignToken(t, user);
      return entityResponse(
        req,
        user,
        SEGMENT,
        { '@odata.type': m['@odata.type'], id: m.id, createdDateTime: m.createdDateTime },
        201,
      );
    },
    BETA,
  );
  router.delete(
    `${USER}/${SEGMENT}/{id}`,
    (req) => {
      const { user, method } = writing(req);
      unassignToken(tokenOf(method), user);
      return noContent();
    },
    BETA,
  );
  router.post(
    `${USER}/${SEGMENT}/{id}/activate`,
    (req) => {
      const { method } = writing(req);
      const t = tokenOf(method);
      const body = bodyObject(req);
      onlyProperties(body, ['verificationCode', 'displayName'], 'the activate action');
      const code = requiredString(body, 'verificationCode', 'the 6-digit code the token shows now');
      if (!/^\d{6}$/.test(code))
        throw badRequest("Parameter 'verificationCode' must be the 6 digits the token shows now.", 'invalidRequest');
      if (!verifyCode(t, code)) {
        t.status = 'failedActivation';
        throw badRequest(
          `The verification code is not valid for the hardware OATH token '${t.serialNumber}': ` +
            'expected the 6-digit code it shows now.',
        );
      }
      t.status = 'activated';
      t.lastUsedDateTime = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      if (typeof body.displayName === 'string') t.displayName = body.displayName;
      return noContent();
    },
    BETA,
  );
  router.post(
    `${USER}/${SEGMENT}/{id}/deactivate`,
    (req) => {
      const { method } = writing(req);
      tokenOf(method).status = 'assigned';
      return noContent();
    },
    BETA,
  );
}
