// get-password: a user's password method. Graph never returns the password (it reads null).
import { listCommand } from './kit/family.js';

export default listCommand({
  name: 'get-password',
  type: 'password',
  synopsis: "Show a user's password method (never the password).",
  description: 'Exactly one, id 28c10230-6103-485e-b985-444c60001490; password is always null.',
  examples: [
    {
      title: "Read a user's password method",
      code: 'get-password CameronW@contoso.com | foreach { $_.id }',
      output: ['28c10230-6103-485e-b985-444c60001490'],
    },
  ],
});
