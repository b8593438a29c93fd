// remove-tap: deletes a user's Temporary Access Pass method (-whatif, one error per failed item). The command
// is data (type, texts, examples); the DELETE logic and the permission are in kit/family.ts.
import { removeCommand } from './kit/family.js';

export default removeCommand({
  name: 'remove-tap',
  type: 'tap',
  narrowerPermission: 'UserAuthMethod-TAP.ReadWrite.All',
  removeAllWithoutId: true,
  examples: [
    { title: 'Show what would be removed', code: 'get-tap LeeG@contoso.com | remove-tap -whatif' },
    { title: 'Remove them', code: 'get-tap LeeG@contoso.com | remove-tap' },
  ],
});
