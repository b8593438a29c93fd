// Phone methods (docs/graph.md §2 rows 7–13, §8 Phone): fixed ids per phoneType, at most one of
// each type, alternateMobile only beside a mobile, a mobile cannot go while an alternateMobile
// exists, the default MFA phone (from signInPreferences) cannot go, phoneType never changes,
// numbers must read `+{cc} {number}[x{ext}]`, and SMS sign-in is enabled/disabled per §8.
import { authorize } from '../../auth/permissions.js';
import { GraphError, badRequest, noContent, type EmuRequest } from '../../http.js';
import type { Router } from '../../router.js';
import { SMS_ENABLED_AT, phonesChanged, smsEnableStamp, smsSignInState } from '../../store/derive.js';
import {
  PHONE_IDS,
  PHONE_TYPES,
  findMethod,
  methodType,
  methodsOf,
  removeMethod,
  type PhoneType,
} from '../../store/methods.js';
import type { MethodRecord, StoredUser, TenantStore } from '../../store/tenant.js';
import {
  USER,
  bodyObject,
  entityResponse,
  isSelf,
  listResponse,
  methodOr404,
  onlyProperties,
  refuseSelf,
  requiredString,
  show,
  userOf,
} from './common.js';

const SEGMENT = 'phoneMethods';
const ODATA = methodType('phone').odataType;
export const PHONE_NUMBER = /^\+[1-9][0-9]{0,3} [0-9]{4,15}(x[0-9]{1,10})?$/;
const EXPECTED_NUMBER = "+<country code> <number>[x<extension>], e.g. '+1 5555551234' or '+1 5555551234x123'";
const ADMIN_ROLES = ['Authentication Administrator', 'Privileged Authentication Administrator', 'Global Administrator'];

/** Which phone signInPreferences names as the default MFA method (docs/graph.md §8, emulator rule). */
export function defaultPhoneType(user: StoredUser): PhoneType | undefined {
  switch (user.signInPreferences?.userPreferredMethodForSecondaryAuthentication) {
    case 'sms':
    case 'voiceMobile':
      return 'mobile';
    case 'voiceAlternateMobile':
      return 'alternateMobile';
    case 'voiceOffice':
      return 'office';
    default:
      return undefined;
  }
}

function phoneNumberOf(body: Record<string, unknown>): string {
  const n = requiredString(body, 'phoneNumber', EXPECTED_NUMBER);
  if (!PHONE_NUMBER.test(n))
    throw badRequest(`Invalid phone number '${n}': expected ${EXPECTED_NUMBER}.`, 'invalidRequest');
  return n;
}

function phoneTypeOf(body: Record<string, unknown>): PhoneType {
  const t = requiredString(body, 'phoneType', "one of 'mobile', 'alternateMobile', 'office'");
  const match = PHONE_TYPES.find((p) => p.toLowerCase() === t.toLowerCase());
  if (!match)
    throw badRequest(
      `Invalid phoneType '${t}': expected one of 'mobile', 'alternateMobile', 'office'.`,
      'invalidRequest',
    );
  return match;
}

const access = (user: StoredUser, write: boolean) => ({
  kind: 'methods' as const,
  write,
  userId: user.id,
  family: 'Phone',
});

function smsAction(store: TenantStore, req: EmuRequest, enable: boolean) {
  const user = userOf(store, req);
  authorize(req, access(user, true));
  const phone = methodOr404(user, 'phone', req.params.id ?? '');
  const state = smsSignInState(store, user, phone);
  if (state === 'notSupported')
    throw badRequest(
      `SMS sign-in is available only on the mobile phone; this phone is '${String(phone.phoneType)}'.`,
      'invalidRequest',
    );
  if (enable) {
    if (state === 'notAllowedByPolicy') {
      throw badRequest(
        'The authentication methods policy does not allow this user to use SMS sign-in: expected the Sms configuration to be enabled, to target the user and to have isUsableForSignIn true.',
        'invalidRequest',
      );
    }
    if (typeof phone[SMS_ENABLED_AT] !== 'number') phone[SMS_ENABLED_AT] = smsEnableStamp();
  } else {
    phone[SMS_ENABLED_AT] = null;
  }
  phone.smsSignInState = smsSignInState(store, user, phone);
  return noContent();
}

export function registerPhoneRoutes(router: Router, store: TenantStore): void {
  const base = `${USER}/${SEGMENT}`;

  router.get(base, (req) => {
    const user = userOf(store, req);
    authorize(req, access(user, false));
    // Numbers stored without the space after the country code (as B2C writes them) are not listed (docs/graph.md §8).
    const phones = methodsOf(user, 'phone')
      .filter((m) => PHONE_NUMBER.test(String(m.phoneNumber)))
      // Graph lists mobile, alternateMobile, office in that order (docs/graph.md §2), whatever order they were added in.
      .sort((a, b) => PHONE_TYPES.indexOf(a.phoneType as PhoneType) - PHONE_TYPES.indexOf(b.phoneType as PhoneType));
    return listResponse(
      req,
      user,
      SEGMENT,
      phones.map((m) => show(store, user, m, req)),
    );
  });

  router.get(`${base}/{id}`, (req) => {
    const user = userOf(store, req);
    authorize(req, access(user, false));
    return entityResponse(req, user, SEGMENT, show(store, user, methodOr404(user, 'phone', req.params.id ?? ''), req));
  });

  router.post(base, (req) => {
    const user = userOf(store, req);
    authorize(req, access(user, true));
    // "Users without an admin role can't add their own phone" (docs/graph.md §2 row 9).
    if (isSelf(req, user) && !req.principal.directoryRoles.some((r) => ADMIN_ROLES.includes(r)))
      refuseSelf(req, user, 'Adding a phone method');
    const body = bodyObject(req);
    if ('smsSignInState' in body)
      throw badRequest(
        "Property 'smsSignInState' is read-only: expected only 'phoneNumber' and 'phoneType'.",
        'invalidRequest',
      );
    onlyProperties(body, ['phoneNumber', 'phoneType'], 'a phone method');
    const phoneNumber = phoneNumberOf(body);
    const phoneType = phoneTypeOf(body);
    if (findMethod(user, 'phone', PHONE_IDS[phoneType])) {
      throw new GraphError(
        409,
        'conflict',
        `The user already has a '${phoneType}' phone; a user has at most one phone of each type. Update it (PATCH) or delete it first.`,
      );
    }
    if (phoneType === 'alternateMobile' && !findMethod(user, 'phone', PHONE_IDS.mobile)) {
      throw badRequest(
        "An 'alternateMobile' phone needs a 'mobile' phone: add the mobile phone first.",
        'invalidRequest',
      );
    }
    const record: MethodRecord = {
      '@odata.type': ODATA,
      id: PHONE_IDS[phoneType],
      phoneNumber,
      phoneType,
      smsSignInState: 'notSupported',
    };
    user.methods.push(record);
    phonesChanged();
    // Adding a mobile registers it for SMS sign-in when the policy allows it (docs/graph.md §2 row 9).
    if (phoneType === 'mobile' && smsSignInState(store, user, record) !== 'notAllowedByPolicy')
      record[SMS_ENABLED_AT] = smsEnableStamp();
    record.smsSignInState = smsSignInState(store, user, record);
    return entityResponse(req, user, SEGMENT, show(store, user, record, req), 201);
  });

  router.patch(`${base}/{id}`, (req) => {
    const user = userOf(store, req);
    authorize(req, access(user, true));
    refuseSelf(req, user, 'Updating a phone method');
    const phone = methodOr404(user, 'phone', req.params.id ?? '');
    const body = bodyObject(req);
    if ('smsSignInState' in body)
      throw badRequest(
        "Property 'smsSignInState' is read-only: expected only 'phoneNumber' and 'phoneType'.",
        'invalidRequest',
      );
    onlyProperties(body, ['phoneNumber', 'phoneType'], 'a phone method');
    if (body.phoneType !== undefined && phoneTypeOf(body) !== phone.phoneType) {
      throw badRequest(
        `phoneType cannot be changed (this phone is '${String(phone.phoneType)}'): add a phone of the new type and delete this one.`,
        'invalidRequest',
      );
    }
    if (body.phoneNumber !== undefined) {
      phone.phoneNumber = phoneNumberOf(body);
      phonesChanged();
    }
    phone.smsSignInState = smsSignInState(store, user, phone);
    return noContent();
  });

  router.delete(`${base}/{id}`, (req) => {
    const user = userOf(store, req);
    authorize(req, access(user, true));
    const phone = methodOr404(user, 'phone', req.params.id ?? '');
    if (phone.phoneType === 'mobile' && findMethod(user, 'phone', PHONE_IDS.alternateMobile)) {
      throw badRequest(
        "The 'mobile' phone cannot be deleted while an 'alternateMobile' phone exists: delete the alternateMobile phone first.",
        'invalidRequest',
      );
    }
    if (defaultPhoneType(user) === phone.phoneType) {
      throw badRequest(
        `This '${String(phone.phoneType)}' phone is the user's default multifactor authentication method and cannot be deleted: change signInPreferences.userPreferredMethodForSecondaryAuthentication first.`,
        'invalidRequest',
      );
    }
    removeMethod(user, phone);
    phonesChanged();
    return noContent();
  });

  router.post(`${base}/{id}/enableSmsSignIn`, (req) => smsAction(store, req, true));
  router.post(`${base}/{id}/disableSmsSignIn`, (req) => smsAction(store, req, false));
}
