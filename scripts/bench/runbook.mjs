// A realistic generated runbook for the parse benchmark: comments, a param block, functions,
// loops, conditions, pipelines of Graph commands with named parameters, records and strings.
const blocks = [
  (i) => `# --- section ${i}: onboarding batch ${i} ---`,
  (i) => `$users${i} = import-csv "batch-${i}.csv" | where department=Sales`,
  (i) =>
    `foreach ($u in $users${i}) {\n  $user = get-user $u.userPrincipalName\n  if ($user.accountEnabled -and $u.phone -ne '') {\n    $user | add-phone $u.phone -type mobile -whatif:$DryRun\n  } elseif ($u.email) {\n    $user | add-email "$($u.email)"\n  } else {\n    write-host "skipping $($u.userPrincipalName): nothing to add"\n  }\n}`,
  (i) =>
    `function Get-Stale${i}([int]$Days = 30) {\n  $cutoff = (get-date).AddDays(-$Days)\n  get-users -all | get-methods -type authenticator | where { $_.createdDateTime -lt $cutoff }\n}`,
  (i) => `$report${i} = @{ batch = ${i}; total = $users${i}.Count; ok = 0; failed = @() }`,
  (i) =>
    `try {\n  get-user "user${i}@contoso.com" | get-methods | sort type | select type, id -first 5\n} catch {\n  $report${i}.failed += $_.message\n}`,
  (i) => `get-users -filter "startswith(displayName,'A${i}')" -top 50 | foreach { $_.id } | count`,
  (i) => `$total = 0; foreach ($n in 1..${(i % 50) + 1}) { $total += $n * 2 - 1 }`,
  (i) =>
    `if ($report${i}.failed.Count -gt 0) { $report${i} | to-json -compress | out-file "report-${i}.json" -append }`,
];

/** About `lines` lines: whole blocks are added until the count is reached (never a cut block). */
export function generateRunbook(lines) {
  const out = [`#!/usr/bin/env authsh`, `param($Path = 'users.csv', [switch]$DryRun, [int]$Days = 30)`, ''];
  for (let i = 0; out.length < lines; i++) {
    for (const b of blocks) {
      if (out.length >= lines) break;
      out.push(...b(i).split('\n'));
    }
    out.push('');
  }
  return out.join('\n') + '\n';
}
