// report-mfa: the tenant's MFA posture in one pass (issue 15): how many users can do MFA, are
// passwordless- or phishing-resistant-capable, registered for SSPR, rely on SMS/voice alone or
// have no MFA method, by method and by -by group, with the users who need action. Collection
// is support/posture/collect.ts (the registration report, or each user's methods when the
// report is unlicensed or forbidden), the figures aggregate.ts.
// Output: ONE record, type 'mfaPosture' (the model of support/posture/model.ts). In the table
// and text formats it draws itself as the terminal summary (terminal.ts, through the record's
// view); -o json, format-list, a variable or a pipeline get its keys. -json FILE writes the
// model, -html FILE the self-contained report (support/posture/html.ts, loaded only then), both
// atomically (a temporary file renamed over the old one); -compare reads an earlier -json file
// and fills `previous`, the trend.
import { readFile } from 'node:fs/promises';
import { writeAtomically } from '../support/files.js';
import type { CommandContext, CommandSpec } from '../../runtime/command.js';
import { fromPlain } from '../../runtime/values.js';
import { ShellRecord } from '../../runtime/record.js';
import { graphOf } from './support/client.js';
import { collectPosture } from './support/posture/collect.js';
import { POSTURE_SCHEMA, type MfaPosture } from './support/posture/model.js';
import { formatPostureSummary } from './support/posture/terminal.js';
import { permissionHelp } from './kit/permission.js';
import { PREMIUM_LICENCE } from '../../graph/permissions.js';
import { badArgument, commandError, countArg, fileError, textArg } from '../support/errors.js';

/** A Graph user property name (extension_… attributes included): what $select takes. */
const PROPERTY = /^[A-Za-z][A-Za-z0-9_]*$/;

const reportMfa: CommandSpec = {
  name: 'report-mfa',
  needsGraph: true,
  checkpointed: false,
  finishesInFlightOnStop: true,
  synopsis: "The tenant's MFA posture: who can do MFA, how strongly, who needs action, and the trend.",
  description:
    'One pass over the registration report (GET /reports/authenticationMethods/userRegistrationDetails, ' +
    `${PREMIUM_LICENCE}). ` +
    permissionHelp('GET', '/reports/authenticationMethods/userRegistrationDetails') +
    ' -by PROPERTY groups users by a user property (department, jobTitle, usageLocation, userType, companyName, …: ' +
    'GET /users?$select=id,PROPERTY, User.Read.All). When the report answers LicenseRequired or 403 it says so ' +
    "on stderr and reads each user's methods and directory roles instead (UserAuthenticationMethod.Read.All, " +
    "Directory.Read.All, Policy.Read.All for the methods policy; source 'methods'). " +
    "Emits one record, type 'mfaPosture' (schema, generatedAt, tenant, source, totals, methods, groups, " +
    'needsAction, previous), shown as a summary with bars in table and text ' +
    'output. Phishing-resistant: FIDO2 keys and passkeys, Windows Hello for Business, platform credentials; ' +
    'SMS/voice only: MFA-capable through phone methods alone. -json writes the record as JSON, -compare reads ' +
    'an earlier one for the trend, -html writes a self-contained HTML report.',
  input: 'none',
  emits: ['schema', 'generatedAt', 'tenant', 'source', 'totals', 'methods', 'groups', 'needsAction', 'previous'],
  parameters: [
    {
      name: 'html',
      type: 'string',
      placeholder: 'FILE',
      description: 'Write the HTML report (one self-contained file).',
    },
    {
      name: 'json',
      type: 'string',
      placeholder: 'FILE',
      description: 'Write the posture as JSON (what -compare reads).',
    },
    {
      name: 'compare',
      type: 'string',
      placeholder: 'PREVIOUS.json',
      description: "An earlier run's -json file: the trend against it.",
    },
    {
      name: 'by',
      type: 'string',
      placeholder: 'PROPERTY',
      description: 'Group users by this user property: department, jobTitle, usageLocation, userType, …',
    },
    { name: 'top', type: 'int', placeholder: 'N', description: 'How many of the worst groups the summary shows (5).' },
  ],
  examples: [
    {
      title: 'How many users can do MFA',
      code: '(report-mfa).totals.mfaCapable',
      output: [10],
    },
    {
      title: 'The worst department',
      code:
        '(report-mfa -by department).groups | select -first 1 | ' +
        'foreach { "$($_.name) $($_.mfaCapable)/$($_.users)" }',
      output: ['Sales 0/2'],
    },
    {
      title: 'Who is on SMS or voice alone',
      code: '(report-mfa).needsAction.smsVoiceOnly.users | foreach { $_.userPrincipalName }',
      output: ['LeeG@contoso.com', 'MeganB@contoso.com', 'PradeepG@contoso.com'],
    },
    {
      title: 'Admins without a phishing-resistant method',
      code: '(report-mfa).needsAction.adminsWithoutPhishingResistant.count',
      output: [0],
    },
    {
      title: 'A monthly run: the HTML report, its JSON, and the trend against last month',
      code: 'report-mfa -html mfa.html -json mfa.json -compare last.json',
    },
  ],
  async *run(ctx, args) {
    const by = args.by === undefined || args.by === null ? undefined : textArg(ctx, args, 'by', 'a user property name');
    if (by !== undefined && !PROPERTY.test(by))
      throw badArgument(ctx, 'by', by, 'a user property name such as department');
    const top = countArg(ctx, args, 'top', 5);
    const files = {
      html: args.html == null ? undefined : textArg(ctx, args, 'html', 'a file name'),
      json: args.json == null ? undefined : textArg(ctx, args, 'json', 'a file name'),
      compare: args.compare == null ? undefined : textArg(ctx, args, 'compare', 'a file name'),
    };
    // Read the earlier run first: a wrong file fails before the pass, not after it.
    const previous = files.compare === undefined ? undefined : await readPrevious(ctx, files.compare);
    // Loaded before the pass too, so a build without it fails at once.
    const render = files.html === undefined ? undefined : await htmlRenderer();
    const graph = await graphOf(ctx);
    const posture = await collectPosture(ctx, graph, {
      ...(by === undefined ? {} : { by }),
      notice: (text) => ctx.host.warn(text),
    });
    if (previous) posture.previous = { generatedAt: previous.generatedAt, totals: previous.totals };
    if (files.json !== undefined) await writeWhole(ctx, files.json, JSON.stringify(posture, null, 2) + '\n');
    if (files.html !== undefined && render) await writeWhole(ctx, files.html, await render(posture));
    const record = fromPlain({ type: 'mfaPosture', ...posture }) as ShellRecord;
    record.view = ({ color }) => formatPostureSummary(posture, { color, top });
    yield record;
  },
};

/** The HTML renderer, loaded only for -html: it brings the charting library (a lazy chunk of the build). */
async function htmlRenderer(): Promise<(model: MfaPosture) => Promise<string>> {
  const { renderPostureHtml } = await import('./support/posture/html.js');
  return renderPostureHtml;
}

/** The -compare file: one of our -json files, undefined when there is none yet, or a clear error naming it. */
async function readPrevious(ctx: CommandContext, file: string): Promise<MfaPosture | undefined> {
  const path = ctx.resolvePath(file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    // A schedule's first run has no earlier report: say so, and report without a trend.
    if ((e as { code?: string }).code === 'ENOENT') {
      ctx.host.warn(`report-mfa: no earlier report '${file}' to compare with (no such file): no trend this time`);
      return undefined;
    }
    throw fileError(ctx, 'read', file, e);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw commandError(
      ctx,
      'InvalidJson',
      `-compare '${file}' is not JSON: expected a file report-mfa -json wrote`,
      file,
      'compare',
    );
  }
  const p = data as Partial<MfaPosture> | null;
  if (!p || typeof p !== 'object' || p.schema !== POSTURE_SCHEMA || typeof p.totals !== 'object' || !p.totals)
    throw commandError(
      ctx,
      'InvalidArgument',
      `-compare '${file}' is not an MFA posture: expected a file report-mfa -json wrote (schema '${POSTURE_SCHEMA}')`,
      file,
      'compare',
    );
  return p as MfaPosture;
}

/** Writes a file whole or not at all (support/files.ts), its failure in the user's words. */
async function writeWhole(ctx: CommandContext, file: string, text: string): Promise<void> {
  try {
    await writeAtomically(ctx.resolvePath(file), text, { private: false });
  } catch (e) {
    throw fileError(ctx, 'write', file, e);
  }
}

export default reportMfa;
