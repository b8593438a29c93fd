// remove-oath: deletes a user's software OATH method (-whatif, one error per failed item). The command
// is data (type, texts, examples); the DELETE logic and the permission are in kit/family.ts.
import { removeCommand } from './kit/family.js';

export default removeCommand({
  name: 'remove-oath',
  type: 'softwareOath',
  narrowerPermission: 'UserAuthMethod-SoftwareOATH.ReadWrite.All',
  examples: [
    { title: 'Show what would be removed', code: 'get-oath DiegoS@contoso.com | remove-oath -whatif' },
    { title: 'Remove them', code: 'get-oath DiegoS@contoso.com | remove-oath' },
  ],
});
