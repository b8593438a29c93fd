// get-email: a user's email method (used for self-service password reset only; at most one).
import { listCommand } from './kit/family.js';

export default listCommand({
  name: 'get-email',
  type: 'email',
  synopsis: "Show a user's email authentication method (for password reset).",
  description: 'A user has at most one, with the fixed id 3ddfcfc8-9383-446f-83cc-3ab9be4be18f.',
  examples: [
    {
      title: "Show a user's reset email",
      code: 'get-email AdeleV@contoso.com | foreach { $_.emailAddress }',
      output: ['adele.vance@outlook.com'],
    },
  ],
});
