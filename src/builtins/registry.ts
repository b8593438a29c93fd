// Every built-in command, in one flat list the runtime registers at start-up. Adding a command is
// adding its file, its import and one entry here; what the runtime does with it follows from
// the flags on its spec (needsGraph, checkpointed, finishesInFlightOnStop), not from this list.
import type { CommandSpec } from '../runtime/command.js';
import count from './core/count.js';
import exportCsv from './core/export-csv.js';
import first from './core/first.js';
import foreach from './core/foreach.js';
import formatList from './core/format-list.js';
import formatTable from './core/format-table.js';
import fromJson from './core/from-json.js';
import getCommand from './core/get-command.js';
import getDate from './core/get-date.js';
import clear from './core/clear.js';
import group from './core/group.js';
import help from './core/help.js';
import importCsv from './core/import-csv.js';
import last from './core/last.js';
import measure from './core/measure.js';
import outFile from './core/out-file.js';
import outNull from './core/out-null.js';
import select from './core/select.js';
import setStrict from './core/set-strict.js';
import skip from './core/skip.js';
import sleep from './core/sleep.js';
import sort from './core/sort.js';
import tee from './core/tee.js';
import toJson from './core/to-json.js';
import unique from './core/unique.js';
import where from './core/where.js';
import writeError from './core/write-error.js';
import writeHost from './core/write-host.js';
import writeOutput from './core/write-output.js';
import getUser from './graph/get-user.js';
import getUsers from './graph/get-users.js';
import getMethods from './graph/get-methods.js';
import getMethod from './graph/get-method.js';
import removeMethod from './graph/remove-method.js';
import getCertBinding from './graph/get-cert-binding.js';
import addCertBinding from './graph/add-cert-binding.js';
import removeCertBinding from './graph/remove-cert-binding.js';
import revokeSessions from './graph/revoke-sessions.js';
import disableUser from './graph/disable-user.js';
import enableUser from './graph/enable-user.js';
import getPhone from './graph/get-phone.js';
import addPhone from './graph/add-phone.js';
import setPhone from './graph/set-phone.js';
import removePhone from './graph/remove-phone.js';
import enableSmssignin from './graph/enable-smssignin.js';
import disableSmssignin from './graph/disable-smssignin.js';
import getEmail from './graph/get-email.js';
import addEmail from './graph/add-email.js';
import setEmail from './graph/set-email.js';
import removeEmail from './graph/remove-email.js';
import getPassword from './graph/get-password.js';
import resetPassword from './graph/reset-password.js';
import getOperation from './graph/get-operation.js';
import connect from './graph/connect.js';
import disconnect from './graph/disconnect.js';
import getContext from './graph/get-context.js';
import getTap from './graph/get-tap.js';
import newTap from './graph/new-tap.js';
import removeTap from './graph/remove-tap.js';
import getFido2 from './graph/get-fido2.js';
import removeFido2 from './graph/remove-fido2.js';
import getAuthenticator from './graph/get-authenticator.js';
import removeAuthenticator from './graph/remove-authenticator.js';
import getPasswordless from './graph/get-passwordless.js';
import removePasswordless from './graph/remove-passwordless.js';
import getWhfb from './graph/get-whfb.js';
import removeWhfb from './graph/remove-whfb.js';
import getOath from './graph/get-oath.js';
import removeOath from './graph/remove-oath.js';
import getHardwareOath from './graph/get-hardware-oath.js';
import removeHardwareOath from './graph/remove-hardware-oath.js';
import getHardwareToken from './graph/get-hardware-token.js';
import newHardwareToken from './graph/new-hardware-token.js';
import setHardwareToken from './graph/set-hardware-token.js';
import removeHardwareToken from './graph/remove-hardware-token.js';
import assignHardwareToken from './graph/assign-hardware-token.js';
import unassignHardwareToken from './graph/unassign-hardware-token.js';
import activateHardwareToken from './graph/activate-hardware-token.js';
import getPlatformCredential from './graph/get-platform-credential.js';
import removePlatformCredential from './graph/remove-platform-credential.js';
import getQrcodepin from './graph/get-qrcodepin.js';
import newQrcodepin from './graph/new-qrcodepin.js';
import removeQrcodepin from './graph/remove-qrcodepin.js';
import getExternal from './graph/get-external.js';
import addExternal from './graph/add-external.js';
import getPolicy from './graph/get-policy.js';
import setPolicy from './graph/set-policy.js';
import getRegistration from './graph/get-registration.js';
import getRegistrationSummary from './graph/get-registration-summary.js';
import reportMfa from './graph/report-mfa.js';
import getUsageSummary from './graph/get-usage-summary.js';
import getSignInPreference from './graph/get-signin-preference.js';
import setSignInPreference from './graph/set-signin-preference.js';
import getMfaState from './graph/get-mfa-state.js';
import setMfaState from './graph/set-mfa-state.js';
import getAuthStrength from './graph/get-authstrength.js';
import newAuthStrength from './graph/new-authstrength.js';
import setAuthStrength from './graph/set-authstrength.js';
import removeAuthStrength from './graph/remove-authstrength.js';
import invokeGraph from './graph/invoke-graph.js';

/** Every built-in, core and Graph, in one flat list: adding a command is its import and one entry here. */
export const builtinCommands: readonly CommandSpec[] = [
  where,
  select,
  setStrict,
  sort,
  first,
  last,
  skip,
  count,
  measure,
  group,
  unique,
  foreach,
  tee,
  importCsv,
  exportCsv,
  fromJson,
  toJson,
  outFile,
  outNull,
  formatTable,
  formatList,
  writeOutput,
  writeError,
  writeHost,
  getDate,
  sleep,
  help,
  getCommand,
  clear,
  getUser,
  getUsers,
  getMethods,
  getMethod,
  removeMethod,
  getCertBinding,
  addCertBinding,
  removeCertBinding,
  revokeSessions,
  disableUser,
  enableUser,
  getPhone,
  addPhone,
  setPhone,
  removePhone,
  enableSmssignin,
  disableSmssignin,
  getEmail,
  addEmail,
  setEmail,
  removeEmail,
  getPassword,
  resetPassword,
  getOperation,
  connect,
  disconnect,
  getContext,
  getTap,
  newTap,
  removeTap,
  getFido2,
  removeFido2,
  getAuthenticator,
  removeAuthenticator,
  getPasswordless,
  removePasswordless,
  getWhfb,
  removeWhfb,
  getOath,
  removeOath,
  getHardwareOath,
  removeHardwareOath,
  getHardwareToken,
  newHardwareToken,
  setHardwareToken,
  removeHardwareToken,
  assignHardwareToken,
  unassignHardwareToken,
  activateHardwareToken,
  getPlatformCredential,
  removePlatformCredential,
  getQrcodepin,
  newQrcodepin,
  removeQrcodepin,
  getExternal,
  addExternal,
  getPolicy,
  setPolicy,
  getRegistration,
  getRegistrationSummary,
  reportMfa,
  getUsageSummary,
  getSignInPreference,
  setSignInPreference,
  getMfaState,
  setMfaState,
  getAuthStrength,
  newAuthStrength,
  setAuthStrength,
  removeAuthStrength,
  invokeGraph,
];

/** The commands that need no Graph connection (tests run scripts with these alone). */
export const coreCommands: readonly CommandSpec[] = builtinCommands.filter((spec) => !spec.needsGraph);
