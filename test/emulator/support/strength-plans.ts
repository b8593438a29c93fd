// The example-replay plans (test/emulator/examples.test.ts) for the authentication strength
// pages (docs/graph.md "Authentication strengths"), kept beside the replay so its table stays one line per area.
/* eslint-disable @typescript-eslint/no-explicit-any -- setup reads untyped JSON response bodies */
import { expect } from 'vitest';
import { CUSTOM_STRENGTH_ID } from '../../../src/emulator/store/strengths.js';

interface Ctx {
  send: (method: string, path: string, body?: unknown) => Promise<{ status: number; json: any }>;
}
interface Plan {
  url?: (c: Ctx) => string;
  why?: string;
  setup?: (c: Ctx) => Promise<void>;
  skip?: Record<string, string>;
}

const BASE = 'policies/authenticationStrengthPolicies';
const CUSTOM =
  "the example's strength is not in the demo tenant; replayed on the demo tenant's custom strength, which a " +
  'Conditional Access policy uses';
const NO_CONFIGS =
  'the demo strengths have no combination configurations (FIDO2 AAGUID restrictions are not emulated), and the ' +
  "list's first item differs: the doc lists its custom strength first, Graph the built-ins";
const BARE_TYPE =
  '"Authentication strengths" artifacts: the beta list shows a bare "authenticationStrengthPolicy" @odata.type on each item; a collection of ' +
  'one entity type carries none';

let created = '';
async function createTrial(c: Ctx): Promise<void> {
  const r = await c.send('POST', BASE, { displayName: 'Trial', allowedCombinations: ['fido2'] });
  expect(r.status).toBe(201);
  created = r.json.id;
}

const usage: Plan = {
  url: () => `${BASE}/00000000-0000-0000-0000-000000000003/usage`,
  why: '"Authentication strengths" artifacts: the doc URL keeps the {authenticationStrengthPolicyId} placeholder; its answer is about Passwordless MFA',
};
const update: Plan = { url: () => `${BASE}/${CUSTOM_STRENGTH_ID}`, why: CUSTOM };
const allowed: Plan = { url: () => `${BASE}/${CUSTOM_STRENGTH_ID}/updateAllowedCombinations`, why: CUSTOM };
const remove: Plan = {
  url: () => `${BASE}/${created}/$ref`,
  why:
    "the example's strength is not in the demo tenant; a custom strength is created first and deleted through " +
    "the documented …/$ref form (docs/graph.md 'Authentication strengths', artifacts)",
  setup: createTrial,
};

export const STRENGTH_PLANS: Record<string, Plan> = {
  'beta_authenticationstrengthpolicy-get': {},
  'beta_authenticationstrengthpolicy-update': update,
  'beta_authenticationstrengthpolicy-updateallowedcombinations': allowed,
  'beta_authenticationstrengthpolicy-usage': usage,
  'beta_authenticationstrengthroot-delete-policies': remove,
  'beta_authenticationstrengthroot-list-authenticationmethodmodes': {},
  'beta_authenticationstrengthroot-list-policies': {
    skip: { 'value[].combinationConfigurations': NO_CONFIGS, 'value[].@odata.type': BARE_TYPE },
  },
  'beta_authenticationstrengthroot-list-policies-filter-allowedcombinations': {},
  'beta_authenticationstrengthroot-post-policies': {},
  'v1.0_authenticationstrengthpolicy-get': {},
  'v1.0_authenticationstrengthpolicy-update': update,
  'v1.0_authenticationstrengthpolicy-updateallowedcombinations': allowed,
  'v1.0_authenticationstrengthpolicy-usage': usage,
  'v1.0_authenticationstrengthroot-delete-policies': remove,
  'v1.0_authenticationstrengthroot-list-authenticationmethodmodes': {},
  'v1.0_authenticationstrengthroot-list-authenticationmethodmodes-combinations': {},
  'v1.0_authenticationstrengthroot-list-policies': {},
  'v1.0_authenticationstrengthroot-list-policies-filter-allowedcombinations': {},
  'v1.0_authenticationstrengthroot-post-policies': {},
};
