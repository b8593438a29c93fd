// Validation for authentication methods policy writes (docs/graph.md §3): which properties each
// configuration type has, the value ranges the docs constrain (TAP lifetimes 10–43200 with the
// default between min and max, TAP length 8–48, QR PIN length 8–20, state enabled|disabled),
// and the shape of include/exclude targets. Every failure is a 400 naming the property and value;
// Microsoft documents no code for these, so the emulator uses `badRequest`.
import { badRequest } from '../http.js';

type Obj = Record<string, unknown>;
type Check = (v: unknown, name: string) => unknown;

const show = (v: unknown) => JSON.stringify(v);
const oneOf =
  (...allowed: string[]): Check =>
  (v, name) => {
    if (typeof v !== 'string' || !allowed.includes(v))
      throw badRequest(`Invalid value ${show(v)} for '${name}': expected one of ${allowed.join(', ')}.`);
    return v;
  };
const bool: Check = (v, name) => {
  if (typeof v !== 'boolean') throw badRequest(`Invalid value ${show(v)} for '${name}': expected true or false.`);
  return v;
};
const int =
  (min: number, max: number): Check =>
  (v, name) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
      throw badRequest(`Invalid value ${show(v)} for '${name}': expected an integer from ${min} to ${max}.`);
    return v;
  };
const text: Check = (v, name) => {
  if (typeof v !== 'string' || v === '')
    throw badRequest(`Invalid value ${show(v)} for '${name}': expected a non-empty string.`);
  return v;
};
const object: Check = (v, name) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw badRequest(`Invalid value ${show(v)} for '${name}': expected an object.`);
  return v;
};
const arrayOf =
  (item: Check): Check =>
  (v, name) => {
    if (!Array.isArray(v)) throw badRequest(`Invalid value ${show(v)} for '${name}': expected an array.`);
    return v.map((e, i) => item(e, `${name}[${i}]`));
  };
/** An object with only these properties (plus `@odata.type`), each checked; `defaults` fill gaps. */
const shapeOf =
  (fields: Record<string, Check>, required: string[] = [], defaults: Obj = {}): Check =>
  (v, name) => {
    const o = object(v, name) as Obj;
    const out: Obj = { ...defaults };
    for (const [k, val] of Object.entries(o)) {
      if (k === '@odata.type') {
        out[k] = val;
        continue;
      }
      const check = fields[k];
      if (!check)
        throw badRequest(`Property '${k}' does not exist on '${name}'; allowed: ${Object.keys(fields).join(', ')}.`);
      out[k] = check(val, `${name}.${k}`);
    }
    for (const r of required) if (!(r in o)) throw badRequest(`'${name}' needs the property '${r}'.`);
    return out;
  };

const targetType = oneOf('user', 'group');
const includeTarget = (extra: Record<string, Check> = {}, defaults: Obj = {}) =>
  arrayOf(
    shapeOf({ id: text, targetType, isRegistrationRequired: bool, ...extra }, ['id', 'targetType'], {
      isRegistrationRequired: false,
      ...defaults,
    }),
  );
const excludeTargets = arrayOf(shapeOf({ id: text, targetType }, ['id', 'targetType']));
const triState = oneOf('default', 'enabled', 'disabled');

/** Settings per configuration type (the `@odata.type` name without prefix and suffix, lower-cased). */
const SETTINGS: Record<string, { fields: Record<string, Check>; include?: Check }> = {
  temporaryaccesspass: {
    fields: {
      defaultLifetimeInMinutes: int(10, 43200),
      minimumLifetimeInMinutes: int(10, 43200),
      maximumLifetimeInMinutes: int(10, 43200),
      defaultLength: int(8, 48),
      isUsableOnce: bool,
    },
  },
  fido2: {
    fields: {
      isAttestationEnforced: bool,
      isSelfServiceRegistrationAllowed: bool,
      keyRestrictions: shapeOf({ isEnforced: bool, enforcementType: oneOf('allow', 'block'), aaGuids: arrayOf(text) }),
    },
  },
  microsoftauthenticator: {
    fields: { featureSettings: object, isSoftwareOathEnabled: bool },
    include: includeTarget(
      {
        authenticationMode: oneOf('any', 'deviceBasedPush', 'push'),
        outlookMobileAllowedState: triState,
        displayAppInformationRequiredState: triState,
        numberMatchingRequiredState: triState,
      },
      { authenticationMode: 'any' },
    ),
  },
  sms: { fields: {}, include: includeTarget({ isUsableForSignIn: bool }, { isUsableForSignIn: true }) },
  voice: { fields: { isOfficePhoneAllowed: bool } },
  email: { fields: { allowExternalIdToUseEmailOtp: triState } },
  softwareoath: { fields: {} },
  hardwareoath: { fields: {} },
  x509certificate: {
    fields: {
      certificateUserBindings: arrayOf(object),
      authenticationModeConfiguration: object,
      crlValidationConfiguration: object,
      issuerHintsConfiguration: object,
    },
  },
  qrcodepin: { fields: { pinLength: int(8, 20), standardQRCodeLifetimeInDays: int(1, 395) } },
  external: { fields: { displayName: text, appId: text, openIdConnectSetting: object } },
};

const kindOf = (type: string) =>
  type
    .replace(/^#?microsoft\.graph\./i, '')
    .replace(/AuthenticationMethodConfiguration$/i, '')
    .toLowerCase();

/** The configuration after applying `patch` (unspecified properties keep their values). */
export function validateConfigPatch(current: Obj & { '@odata.type': string }, patch: Obj): Obj {
  const settings = SETTINGS[kindOf(current['@odata.type'])] ?? { fields: {} };
  const next: Obj = structuredClone(current);
  for (const [k, v] of Object.entries(patch)) {
    if (k === '@odata.type' || k === 'id' || k.endsWith('@odata.context')) continue;
    if (k === 'state') next.state = oneOf('enabled', 'disabled')(v, k);
    else if (k === 'includeTargets') next.includeTargets = (settings.include ?? includeTarget())(v, k);
    else if (k === 'excludeTargets') next.excludeTargets = excludeTargets(v, k);
    else if (settings.fields[k]) next[k] = settings.fields[k](v, k);
    else throw badRequest(`Property '${k}' does not exist on type '${current['@odata.type'].replace(/^#/, '')}'.`);
  }
  if (kindOf(current['@odata.type']) === 'temporaryaccesspass') {
    const min = next.minimumLifetimeInMinutes as number,
      max = next.maximumLifetimeInMinutes as number,
      def = next.defaultLifetimeInMinutes as number;
    if (min > max)
      throw badRequest(`minimumLifetimeInMinutes (${min}) must not be greater than maximumLifetimeInMinutes (${max}).`);
    if (def < min || def > max)
      throw badRequest(
        `defaultLifetimeInMinutes (${def}) must be between minimumLifetimeInMinutes (${min}) and maximumLifetimeInMinutes (${max}).`,
      );
  }
  return next;
}

const campaign = shapeOf({
  snoozeDurationInDays: int(0, 14),
  enforceRegistrationAfterAllowedSnoozes: bool,
  state: triState,
  includeTargets: arrayOf(
    shapeOf({ id: text, targetType, targetedAuthenticationMethod: text }, ['id', 'targetType'], {
      targetedAuthenticationMethod: 'microsoftAuthenticator',
    }),
  ),
  excludeTargets,
});

/** The root properties to assign after a PATCH (registrationEnforcement is merged, not replaced). */
export function validateRootPatch(current: Obj, patch: Obj): Obj {
  const out: Obj = {};
  if ('registrationEnforcement' in patch) {
    const re = shapeOf({ authenticationMethodsRegistrationCampaign: object })(
      patch.registrationEnforcement,
      'registrationEnforcement',
    ) as Obj;
    const cur = structuredClone((current.registrationEnforcement ?? {}) as Obj);
    if (re.authenticationMethodsRegistrationCampaign !== undefined) {
      const checked = campaign(
        re.authenticationMethodsRegistrationCampaign,
        'registrationEnforcement.authenticationMethodsRegistrationCampaign',
      ) as Obj;
      cur.authenticationMethodsRegistrationCampaign = {
        ...((cur.authenticationMethodsRegistrationCampaign ?? {}) as Obj),
        ...checked,
      };
    }
    out.registrationEnforcement = cur;
  }
  if ('policyMigrationState' in patch)
    out.policyMigrationState = oneOf(
      'preMigration',
      'migrationInProgress',
      'migrationComplete',
    )(patch.policyMigrationState, 'policyMigrationState');
  for (const k of ['systemCredentialPreferences', 'reportSuspiciousActivitySettings']) {
    if (!(k in patch)) continue;
    const v = object(patch[k], k) as Obj;
    if ('state' in v) triState(v.state, `${k}.state`);
    out[k] = { ...((current[k] ?? {}) as Obj), ...v };
  }
  return out;
}
