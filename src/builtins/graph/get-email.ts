// get-email: a user's email method (used for self-service password reset only; at most one).
import { listCommand } from './support/simple.js';

export default listCommand({
  name: 'get-email',
  type: 'email',
  synopsis: "Show a user's email authentication method (for password reset).",
  details: 'A user has at most one, with the fixed id 3ddfcfc8-9383-446f-83cc-3ab9be4be18f. Permission: UserAuthenticationMethod.Read.All (delegated: also an authentication administrator role or Global Reader).',
  examples: [{ title: "Show a user's reset email", code: 'get-email AdeleV@contoso.com | foreach { $_.emailAddress }', output: ['adele.vance@outlook.com'] }],
});
