// remove-oath: deletes a user's software OATH method (-whatif, one error per failed item). The command
// is data (type, permission, examples); the DELETE logic is in method-family.ts.
import { removeCommand } from './method-family.js';

export default removeCommand({
  name: 'remove-oath',
  type: 'softwareOath',
  permission: 'UserAuthMethod-SoftwareOATH.ReadWrite.All or UserAuthenticationMethod.ReadWrite.All',
  examples: [
    { title: 'Show what would be removed', code: "get-oath DiegoS@contoso.com | remove-oath -whatif" },
    { title: 'Remove them', code: "get-oath DiegoS@contoso.com | remove-oath" },
  ],
});
