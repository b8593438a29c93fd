// remove-passwordless: deletes a user's passwordless Authenticator (beta) method (-whatif, one error per failed item). The command
// is data (type, permission, examples); the DELETE logic is in method-family.ts.
import { removeCommand } from './method-family.js';

export default removeCommand({
  name: 'remove-passwordless',
  type: 'passwordless',
  permission: 'UserAuthenticationMethod.ReadWrite.All',
  examples: [
    { title: 'Show what would be removed', code: "get-passwordless AdeleV@contoso.com | remove-passwordless -whatif" },
    { title: 'Remove them', code: "get-passwordless AdeleV@contoso.com | remove-passwordless" },
  ],
});
