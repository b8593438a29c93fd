// Every built-in command, in one flat list the runtime registers at start-up. Start-up loads no
// command's code: what the runtime, help, completion, the precheck and the secret policy read
// of a command (its name, aliases, parameters, flags, help, examples, secret properties) comes
// from manifest.json, generated from the real specs (npm run manifest; test/builtins/manifest.test.ts
// fails when it is stale), and a command's module — its `run` and what that imports (csv,
// libphonenumber, the Graph kit) — is imported the first time the command runs.
// Adding a command is adding its file and one line below, then `npm run manifest`; what the
// runtime does with it follows from the flags on its spec (needsGraph, checkpointed,
// finishesInFlightOnStop), not from this list.
import type { CommandSpec } from '../runtime/command.js';
import manifest from './manifest.json' with { type: 'json' };

type CommandModule = () => Promise<{ default: CommandSpec }>;

/** Each built-in's module by its path under src/builtins, in the flat list's order. */
export const commandModules: Readonly<Record<string, CommandModule>> = {
  'core/where': () => import('./core/where.js'),
  'core/select': () => import('./core/select.js'),
  'core/set-strict': () => import('./core/set-strict.js'),
  'core/sort': () => import('./core/sort.js'),
  'core/first': () => import('./core/first.js'),
  'core/last': () => import('./core/last.js'),
  'core/skip': () => import('./core/skip.js'),
  'core/count': () => import('./core/count.js'),
  'core/measure': () => import('./core/measure.js'),
  'core/group': () => import('./core/group.js'),
  'core/unique': () => import('./core/unique.js'),
  'core/foreach': () => import('./core/foreach.js'),
  'core/tee': () => import('./core/tee.js'),
  'core/import-csv': () => import('./core/import-csv.js'),
  'core/export-csv': () => import('./core/export-csv.js'),
  'core/from-json': () => import('./core/from-json.js'),
  'core/to-json': () => import('./core/to-json.js'),
  'core/out-file': () => import('./core/out-file.js'),
  'core/out-null': () => import('./core/out-null.js'),
  'core/format-table': () => import('./core/format-table.js'),
  'core/format-list': () => import('./core/format-list.js'),
  'core/write-output': () => import('./core/write-output.js'),
  'core/write-error': () => import('./core/write-error.js'),
  'core/write-host': () => import('./core/write-host.js'),
  'core/get-date': () => import('./core/get-date.js'),
  'core/sleep': () => import('./core/sleep.js'),
  'core/help': () => import('./core/help.js'),
  'core/get-command': () => import('./core/get-command.js'),
  'core/clear': () => import('./core/clear.js'),
  'graph/get-user': () => import('./graph/get-user.js'),
  'graph/get-users': () => import('./graph/get-users.js'),
  'graph/get-methods': () => import('./graph/get-methods.js'),
  'graph/get-method': () => import('./graph/get-method.js'),
  'graph/remove-method': () => import('./graph/remove-method.js'),
  'graph/get-cert-binding': () => import('./graph/get-cert-binding.js'),
  'graph/add-cert-binding': () => import('./graph/add-cert-binding.js'),
  'graph/remove-cert-binding': () => import('./graph/remove-cert-binding.js'),
  'graph/revoke-sessions': () => import('./graph/revoke-sessions.js'),
  'graph/disable-user': () => import('./graph/disable-user.js'),
  'graph/enable-user': () => import('./graph/enable-user.js'),
  'graph/get-phone': () => import('./graph/get-phone.js'),
  'graph/add-phone': () => import('./graph/add-phone.js'),
  'graph/set-phone': () => import('./graph/set-phone.js'),
  'graph/remove-phone': () => import('./graph/remove-phone.js'),
  'graph/enable-smssignin': () => import('./graph/enable-smssignin.js'),
  'graph/disable-smssignin': () => import('./graph/disable-smssignin.js'),
  'graph/get-email': () => import('./graph/get-email.js'),
  'graph/add-email': () => import('./graph/add-email.js'),
  'graph/set-email': () => import('./graph/set-email.js'),
  'graph/remove-email': () => import('./graph/remove-email.js'),
  'graph/sync-methods': () => import('./graph/sync-methods.js'),
  'graph/get-password': () => import('./graph/get-password.js'),
  'graph/reset-password': () => import('./graph/reset-password.js'),
  'graph/get-operation': () => import('./graph/get-operation.js'),
  'graph/connect': () => import('./graph/connect.js'),
  'graph/disconnect': () => import('./graph/disconnect.js'),
  'graph/get-context': () => import('./graph/get-context.js'),
  'graph/get-tap': () => import('./graph/get-tap.js'),
  'graph/new-tap': () => import('./graph/new-tap.js'),
  'graph/remove-tap': () => import('./graph/remove-tap.js'),
  'graph/get-fido2': () => import('./graph/get-fido2.js'),
  'graph/remove-fido2': () => import('./graph/remove-fido2.js'),
  'graph/get-authenticator': () => import('./graph/get-authenticator.js'),
  'graph/remove-authenticator': () => import('./graph/remove-authenticator.js'),
  'graph/get-passwordless': () => import('./graph/get-passwordless.js'),
  'graph/remove-passwordless': () => import('./graph/remove-passwordless.js'),
  'graph/get-whfb': () => import('./graph/get-whfb.js'),
  'graph/remove-whfb': () => import('./graph/remove-whfb.js'),
  'graph/get-oath': () => import('./graph/get-oath.js'),
  'graph/remove-oath': () => import('./graph/remove-oath.js'),
  'graph/get-hardware-oath': () => import('./graph/get-hardware-oath.js'),
  'graph/remove-hardware-oath': () => import('./graph/remove-hardware-oath.js'),
  'graph/get-hardware-token': () => import('./graph/get-hardware-token.js'),
  'graph/new-hardware-token': () => import('./graph/new-hardware-token.js'),
  'graph/set-hardware-token': () => import('./graph/set-hardware-token.js'),
  'graph/remove-hardware-token': () => import('./graph/remove-hardware-token.js'),
  'graph/assign-hardware-token': () => import('./graph/assign-hardware-token.js'),
  'graph/unassign-hardware-token': () => import('./graph/unassign-hardware-token.js'),
  'graph/activate-hardware-token': () => import('./graph/activate-hardware-token.js'),
  'graph/get-platform-credential': () => import('./graph/get-platform-credential.js'),
  'graph/remove-platform-credential': () => import('./graph/remove-platform-credential.js'),
  'graph/get-qrcodepin': () => import('./graph/get-qrcodepin.js'),
  'graph/new-qrcodepin': () => import('./graph/new-qrcodepin.js'),
  'graph/remove-qrcodepin': () => import('./graph/remove-qrcodepin.js'),
  'graph/get-external': () => import('./graph/get-external.js'),
  'graph/add-external': () => import('./graph/add-external.js'),
  'graph/get-policy': () => import('./graph/get-policy.js'),
  'graph/set-policy': () => import('./graph/set-policy.js'),
  'graph/get-registration': () => import('./graph/get-registration.js'),
  'graph/get-registration-summary': () => import('./graph/get-registration-summary.js'),
  'graph/report-mfa': () => import('./graph/report-mfa.js'),
  'graph/get-usage-summary': () => import('./graph/get-usage-summary.js'),
  'graph/get-signin-preference': () => import('./graph/get-signin-preference.js'),
  'graph/set-signin-preference': () => import('./graph/set-signin-preference.js'),
  'graph/get-mfa-state': () => import('./graph/get-mfa-state.js'),
  'graph/set-mfa-state': () => import('./graph/set-mfa-state.js'),
  'graph/get-authstrength': () => import('./graph/get-authstrength.js'),
  'graph/new-authstrength': () => import('./graph/new-authstrength.js'),
  'graph/set-authstrength': () => import('./graph/set-authstrength.js'),
  'graph/remove-authstrength': () => import('./graph/remove-authstrength.js'),
  'graph/invoke-graph': () => import('./graph/invoke-graph.js'),
};

/** What the manifest keeps of a spec: all of it but its functions. */
export type CommandData = Omit<CommandSpec, 'run' | 'items' | 'finish'>;

export interface ManifestEntry {
  module: string;
  spec: CommandData;
  /** The call-level hooks (CommandSpec items, finish) the module's spec has. */
  hooks?: ('items' | 'finish')[];
}

/** A spec from its manifest entry whose `run` imports the command's module on first use. */
function lazySpec({ module, spec, hooks }: ManifestEntry): CommandSpec {
  const load = commandModules[module];
  if (!load) throw new Error(`manifest.json names ${module}, which registry.ts does not list: run npm run manifest`);
  let real: CommandSpec | undefined;
  let loading: Promise<CommandSpec> | undefined;
  const loaded = async () => (real ??= await (loading ??= load!().then((m) => m.default)));
  async function* first(ctx: Parameters<CommandSpec['run']>[0], args: Parameters<CommandSpec['run']>[1]) {
    yield* (await loaded()).run(ctx, args);
  }
  // Once loaded, the real generator is called directly: pipelines call `run` once per item.
  const lazy: CommandSpec = { ...spec, run: (ctx, args) => (real ? real.run(ctx, args) : first(ctx, args)) };
  if (hooks?.includes('items'))
    lazy.items = async function* (ctx, args) {
      yield* (await loaded()).items!(ctx, args);
    };
  if (hooks?.includes('finish')) lazy.finish = async (ctx, args) => (await loaded()).finish!(ctx, args);
  return lazy;
}

/** Every built-in, core and Graph, in one flat list: adding a command is its file and one line in commandModules. */
export const builtinCommands: readonly CommandSpec[] = (manifest as unknown as ManifestEntry[]).map(lazySpec);

/** The commands that need no Graph connection (tests run scripts with these alone). */
export const coreCommands: readonly CommandSpec[] = builtinCommands.filter((spec) => !spec.needsGraph);
