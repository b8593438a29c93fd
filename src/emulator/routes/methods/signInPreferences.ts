// beta signInPreferences and requirements (docs/graph.md §2 rows 47–48). signInPreferences names
// the user's preferred (default) MFA method, which the phone DELETE rule reads; a preference
// must name a method the user has. requirements holds the per-user MFA state and is guarded by
// Policy.* permissions rather than UserAuthenticationMethod.*.
import { authorize } from '../../auth/permissions.js';
import { badRequest, json, noContent } from '../../http.js';
import type { Router } from '../../router.js';
import { PHONE_IDS, findMethod, methodsOf } from '../../store/methods.js';
import type { StoredUser, TenantStore } from '../../store/tenant.js';
import { USER, bodyObject, contextUrl, onlyProperties, userOf } from './common.js';

const PREFERRED = ['push', 'oath', 'voiceMobile', 'voiceAlternateMobile', 'voiceOffice', 'sms'];
const MFA_STATES = ['enforced', 'enabled', 'disabled'];
const BETA = { versions: ['beta'] as const };

export function signInPreferencesOf(user: StoredUser) {
  return (
    user.signInPreferences ?? {
      isSystemPreferredAuthenticationMethodEnabled: true,
      userPreferredMethodForSecondaryAuthentication: null,
    }
  );
}

/** The method a preference needs: a preference for a method the user lacks is refused. */
function hasMethodFor(user: StoredUser, preferred: string): boolean {
  switch (preferred) {
    case 'push':
      return methodsOf(user, 'authenticator').length > 0;
    case 'oath':
      return methodsOf(user, 'softwareOath').length + methodsOf(user, 'hardwareOath').length > 0;
    case 'sms':
    case 'voiceMobile':
      return findMethod(user, 'phone', PHONE_IDS.mobile) !== undefined;
    case 'voiceAlternateMobile':
      return findMethod(user, 'phone', PHONE_IDS.alternateMobile) !== undefined;
    case 'voiceOffice':
      return findMethod(user, 'phone', PHONE_IDS.office) !== undefined;
    default:
      return false;
  }
}

export function registerSignInPreferencesRoutes(router: Router, store: TenantStore): void {
  router.get(
    `${USER}/signInPreferences`,
    (req) => {
      const user = userOf(store, req);
      authorize(req, { kind: 'methods', write: false, userId: user.id });
      return json(200, { '@odata.context': contextUrl(req, user, 'signInPreferences'), ...signInPreferencesOf(user) });
    },
    BETA,
  );

  router.patch(
    `${USER}/signInPreferences`,
    (req) => {
      const user = userOf(store, req);
      authorize(req, { kind: 'methods', write: true, userId: user.id });
      const body = bodyObject(req);
      onlyProperties(
        body,
        ['isSystemPreferredAuthenticationMethodEnabled', 'userPreferredMethodForSecondaryAuthentication'],
        'signInPreferences',
      );
      const next = { ...signInPreferencesOf(user) };
      const sys = body.isSystemPreferredAuthenticationMethodEnabled;
      if (sys !== undefined) {
        if (typeof sys !== 'boolean')
          throw badRequest(
            `Invalid isSystemPreferredAuthenticationMethodEnabled ${JSON.stringify(sys)}: expected true or false.`,
            'invalidRequest',
          );
        next.isSystemPreferredAuthenticationMethodEnabled = sys;
      }
      const pref = body.userPreferredMethodForSecondaryAuthentication;
      if (pref !== undefined) {
        if (typeof pref !== 'string' || !PREFERRED.includes(pref)) {
          throw badRequest(
            `Invalid userPreferredMethodForSecondaryAuthentication ${JSON.stringify(pref)}: expected one of ${PREFERRED.join(', ')}.`,
            'invalidRequest',
          );
        }
        if (!hasMethodFor(user, pref))
          throw badRequest(
            `The user has no method for '${pref}': register the method before making it the preferred one.`,
            'invalidRequest',
          );
        next.userPreferredMethodForSecondaryAuthentication = pref;
      }
      user.signInPreferences = next;
      return noContent();
    },
    BETA,
  );

  router.get(
    `${USER}/requirements`,
    (req) => {
      const user = userOf(store, req);
      authorize(req, { kind: 'requirements', write: false, userId: user.id });
      return json(200, {
        '@odata.context': contextUrl(req, user, 'requirements'),
        perUserMfaState: user.requirements?.perUserMfaState ?? 'disabled',
      });
    },
    BETA,
  );

  router.patch(
    `${USER}/requirements`,
    (req) => {
      const user = userOf(store, req);
      authorize(req, { kind: 'requirements', write: true, userId: user.id });
      const body = bodyObject(req);
      onlyProperties(body, ['perUserMfaState'], 'requirements');
      const state = body.perUserMfaState;
      if (typeof state !== 'string' || !MFA_STATES.includes(state)) {
        throw badRequest(
          `Invalid perUserMfaState ${JSON.stringify(state)}: expected one of ${MFA_STATES.join(', ')}.`,
          'invalidRequest',
        );
      }
      user.requirements = { perUserMfaState: state };
      return noContent();
    },
    BETA,
  );
}
