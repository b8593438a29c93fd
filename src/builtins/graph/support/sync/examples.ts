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
  {
    title: 'Plan a nightly HR feed to a file (review it), then apply exactly that plan',
    code: 'import-csv hr.csv | sync-methods -plan plan.json\nsync-methods -apply -plan plan.json',
  },
  {
    title: 'Other column names: -map says which column holds what',
    code:
      "@{ UPN = 'AdeleV@contoso.com'; Cell = '+1 4255550123' } | " +
      "sync-methods -map @{ userPrincipalName = 'UPN'; mobile = 'Cell' } | where method -eq mobile | " +
      'foreach { "$($_.action) $($_.from) -> $($_.to)" }',
    output: ['update +1 4255550101 -> +1 4255550123'],
  },
  {
    title: "-remove: what the feed does not name goes, but never a user's last MFA method (without -force)",
    code:
      "@{ userPrincipalName = 'MeganB@contoso.com' } | sync-methods -remove | " +
      'foreach { "$($_.method) $($_.action)" }',
    output: ['mobile skip', 'alternateMobile remove', 'email remove'],
  },
  {
    title: 'A bad row is a skip record with its row number and the reason',
    code: "@{ userPrincipalName = 'LeeG@contoso.com'; mobile = '555-0100' } | sync-methods | foreach { \"$($_.row): $($_.reason)\" }",
    output: [
      "1: mobile '555-0100' is not a phone number (a national number needs -country (e.g. -country US), or write it " +
        'with +<country code>): expected +<country code> <number>',
    ],
  },
  {
    title: 'Apply straight away: each record says what was done',
    code:
      "@{ userPrincipalName = 'IsaiahL@contoso.com'; email = 'isaiah@fabrikam.com' } | sync-methods -apply | " +
      'foreach { "$($_.method) $($_.action) $($_.result)" }',
    output: ['email add done'],
  },
];
