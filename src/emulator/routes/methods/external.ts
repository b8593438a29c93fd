// External authentication methods — third-party MFA providers (docs/graph.md §2 rows 45–46):
// list and an admin-only POST naming a configured external provider (configurationId) and a
// displayName. GET {id} and DELETE {id} come from the generic helper.
import { randomUUID } from 'node:crypto';
import { authorize } from '../../auth/permissions.js';
import { GraphError, badRequest } from '../../http.js';
import type { Router } from '../../router.js';
import { isoZ, policyConfig } from '../../store/derive.js';
import { methodType, methodsOf } from '../../store/methods.js';
import type { MethodRecord, TenantStore } from '../../store/tenant.js';
import {
  USER,
  bodyObject,
  entityResponse,
  onlyProperties,
  refuseSelf,
  registerReadDelete,
  requiredString,
  userOf,
} from './common.js';

const SEGMENT = 'externalAuthenticationMethods';
const EXTERNAL_CONFIG = '#microsoft.graph.externalAuthenticationMethodConfiguration';

export function registerExternalRoutes(router: Router, store: TenantStore): void {
  registerReadDelete(router, store, 'external');
  router.post(`${USER}/${SEGMENT}`, (req) => {
    const user = userOf(store, req);
    authorize(req, { kind: 'methods', write: true, userId: user.id, family: 'External' });
    refuseSelf(req, user, 'Adding an external authentication method');
    const body = bodyObject(req);
    onlyProperties(body, ['configurationId', 'displayName'], 'an external authentication method');
    const configurationId = requiredString(
      body,
      'configurationId',
      'the id of an external authentication method configuration in the methods policy',
    );
    const displayName = requiredString(body, 'displayName', 'a display name such as the provider name');
    const config = policyConfig(store, configurationId);
    if (!config || config['@odata.type'] !== EXTERNAL_CONFIG) {
      throw badRequest(
        `configurationId '${configurationId}' does not name an external authentication method configuration in the methods policy.`,
        'invalidRequest',
      );
    }
    if (
      methodsOf(user, 'external').some((m) => String(m.configurationId).toLowerCase() === configurationId.toLowerCase())
    ) {
      throw new GraphError(
        409,
        'conflict',
        `The user already has an external authentication method for configuration '${configurationId}'.`,
      );
    }
    const record: MethodRecord = {
      '@odata.type': methodType('external').odataType,
      id: randomUUID(),
      createdDateTime: isoZ(Date.now()),
      configurationId: config.id,
      displayName,
    };
    user.methods.push(record);
    return entityResponse(req, user, SEGMENT, { ...record }, 201);
  });
}
