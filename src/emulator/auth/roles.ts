// Well-known Microsoft Entra directory-role template ids: delegated tokens carry the signed-in
// user's roles as these GUIDs in `wids`, and the emulator maps them back to names to authorize
// (docs/graph.md §9 names the roles by display name). These ids are the same in every tenant.
export const ROLE_TEMPLATE_IDS: Readonly<Record<string, string>> = {
  'Global Administrator': '62e90394-69f5-4237-9190-012177145e10',
  'Global Reader': 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  'Authentication Administrator': 'c4e39bd9-1100-46d3-8c65-fb160da0071f',
  'Privileged Authentication Administrator': '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
  'Authentication Policy Administrator': '0526716b-113d-4c15-b2c8-68e3c22b9f80',
  'Reports Reader': '4a5d8f65-41da-4de4-8968-e035b65339cf',
  'Conditional Access Administrator': 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9',
  'Security Reader': '5d6b6bb7-de71-4623-b4af-96380a352509',
  'Security Administrator': '194ae4cb-b126-40b2-bd5b-6091b380977d',
  'User Administrator': 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  'Helpdesk Administrator': '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  'Password Administrator': '966707d0-3269-4727-9be2-8c3a10f19b9d',
  'Privileged Role Administrator': 'e8611ab8-c189-46e8-94e1-60213ab1f814',
};

/** Every member's token also carries the "User" role template (as Entra's do). */
export const DEFAULT_USER_ROLE_ID = 'b79fbf4d-3ef9-4689-8143-76b194e85509';

const byId = new Map(Object.entries(ROLE_TEMPLATE_IDS).map(([name, id]) => [id, name]));

/** Role names → `wids` (unknown names are dropped: they have no template id to carry). */
export function roleIds(names: readonly string[]): string[] {
  return [...names.flatMap((n) => (ROLE_TEMPLATE_IDS[n] ? [ROLE_TEMPLATE_IDS[n]] : [])), DEFAULT_USER_ROLE_ID];
}

/** `wids` → role names (unknown ids, such as the default user role, are dropped). */
export function roleNames(ids: readonly string[]): string[] {
  return ids.flatMap((id) => {
    const n = byId.get(id.toLowerCase());
    return n ? [n] : [];
  });
}
