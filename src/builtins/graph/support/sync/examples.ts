// sync-methods' help examples (run by test/builtins/examples.test.ts against the demo tenant).
import type { CommandExample } from '../../../../runtime/command.js';

export const syncExamples: readonly CommandExample[] = [
  {
    title: 'Plan from a feed: what would change (nothing is sent but GETs)',
    code:
      "@{ userPrincipalName = 'AdeleV@contoso.com'; mobile = '+14255550101'; office = '+1 4255550177' } | " +
      'sync-methods | foreach { "$($_.method) $($_.action)" }',
    output: ['mobile keep', 'office add', 'email keep'],
  },
];
