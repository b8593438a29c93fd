// get-fido2: lists a user's FIDO2 security key methods as records with `type` and `userId`. The command
// is data (type, texts, examples); listing, user resolution, errors and the permission are in kit/family.ts.
import { listCommand } from './kit/family.js';

export default listCommand({
  name: 'get-fido2',
  type: 'fido2',
  narrowerPermission: 'UserAuthMethod-Passkey.Read.All',
  description: 'FIDO2 security keys (passkeys).',
  examples: [
    {
      title: "List a user's fido2 methods",
      code: 'get-fido2 AlexW@contoso.com | foreach { $_.model }',
      output: ['YubiKey 5 NFC'],
    },
    { title: "Every user's methods of this type", code: 'get-users -all | get-fido2' },
  ],
});
