// remove-passwordless: deletes a user's passwordless Authenticator (beta) method (-whatif, one error per failed item). The command
// is data (type, texts, examples); the DELETE logic and the permission are in kit/family.ts.
import { removeCommand } from './kit/family.js';

export default removeCommand({
  name: 'remove-passwordless',
  type: 'passwordless',
  examples: [
    { title: 'Show what would be removed', code: 'get-passwordless AdeleV@contoso.com | remove-passwordless -whatif' },
    { title: 'Remove them', code: 'get-passwordless AdeleV@contoso.com | remove-passwordless' },
  ],
});
