// remove-tap: deletes a user's Temporary Access Pass method (-whatif, one error per failed item). The command
// is data (type, permission, examples); the DELETE logic is in method-family.ts.
import { removeCommand } from './method-family.js';

export default removeCommand({
  name: 'remove-tap',
  type: 'tap',
  permission: 'UserAuthMethod-TAP.ReadWrite.All or UserAuthenticationMethod.ReadWrite.All',
  removeAllWithoutId: true,
  examples: [
    { title: 'Show what would be removed', code: "get-tap LeeG@contoso.com | remove-tap -whatif" },
    { title: 'Remove them', code: "get-tap LeeG@contoso.com | remove-tap" },
  ],
});
