// The plain profile properties PATCH /users/{id} changes besides accountEnabled and
// authorizationInfo: Microsoft's documented examples update businessPhones, officeLocation and
// city, and reset a password through passwordProfile (user-update, v1.0). Each property is
// checked for the type the user resource declares; the emulator stores what it accepts, so a GET
// reads it back. A password set here is never stored: only that it changed, and when.
import { badRequest } from '../http.js';
import type { StoredUser } from '../store/tenant.js';

type Kind = 'string' | 'strings';

/** The user resource's writable profile properties and their types (user-update's request body table). */
const PROFILE: Record<string, Kind> = {
  businessPhones: 'strings',
  city: 'string',
  companyName: 'string',
  country: 'string',
  department: 'string',
  displayName: 'string',
  employeeId: 'string',
  givenName: 'string',
  jobTitle: 'string',
  mobilePhone: 'string',
  officeLocation: 'string',
  otherMails: 'strings',
  postalCode: 'string',
  preferredLanguage: 'string',
  state: 'string',
  streetAddress: 'string',
  surname: 'string',
  usageLocation: 'string',
};

export const isProfileProperty = (name: string): boolean => name in PROFILE || name === 'passwordProfile';

/** Checks every profile property in the body first, then applies them: a bad one changes nothing. */
export function profileChanges(body: Record<string, unknown>): (user: StoredUser) => void {
  const changes: [string, unknown][] = [];
  for (const [name, value] of Object.entries(body)) {
    const kind = PROFILE[name];
    if (!kind) continue;
    if (kind === 'string' && value !== null && typeof value !== 'string')
      throw badRequest(`Invalid value for property '${name}': expected a string.`, 'Request_BadRequest');
    if (kind === 'strings' && (!Array.isArray(value) || value.some((v) => typeof v !== 'string')))
      throw badRequest(`Invalid value for property '${name}': expected an array of strings.`, 'Request_BadRequest');
    // "Although this is a string collection, only one number can be set for this property."
    if (name === 'businessPhones' && (value as string[]).length > 1)
      throw badRequest('Only one number can be set for businessPhones.', 'Request_BadRequest');
    if (name === 'displayName' && (value === null || value === ''))
      throw badRequest('displayName cannot be cleared.', 'Request_BadRequest');
    changes.push([name, value]);
  }
  const password = 'passwordProfile' in body ? checkPasswordProfile(body.passwordProfile) : undefined;
  return (user) => {
    for (const [name, value] of changes) user[name] = value;
    if (password) {
      user._passwordChangedDateTime = new Date().toISOString();
      user._forceChangePasswordNextSignIn = password.forceChange;
    }
  };
}

/** Entra ID's default password rules: 8 to 256 characters, three of the four character classes. */
function checkPasswordProfile(raw: unknown): { forceChange: boolean } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw badRequest('passwordProfile must be an object with a password.', 'Request_BadRequest');
  const p = raw as Record<string, unknown>;
  if (typeof p.password !== 'string')
    throw badRequest('passwordProfile.password must be a string.', 'Request_BadRequest');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((c) => c.test(p.password as string)).length;
  if (p.password.length < 8 || p.password.length > 256 || classes < 3)
    throw badRequest(
      'The specified password does not comply with password complexity requirements. Please provide a different password.',
      'Request_BadRequest',
    );
  const force = p.forceChangePasswordNextSignIn;
  if (force !== undefined && typeof force !== 'boolean')
    throw badRequest('forceChangePasswordNextSignIn must be true or false.', 'Request_BadRequest');
  return { forceChange: force === true };
}
