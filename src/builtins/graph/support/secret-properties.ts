// The secret properties of the records Graph commands emit, as data for CommandSpec
// .secretProperties (the secret policy, runtime/secrets.ts, learns and masks their values).
// 'once': Graph returns the value only when it is created, and the user must keep it now;
// 'never': a value nobody should read back (Graph returns it null, but if it ever did…).
import type { SecretProperty } from '../../../runtime/command.js';

const once = (...paths: string[]): SecretProperty[] => paths.map((path) => ({ path, shown: 'once' }));

/** A new Temporary Access Pass. */
export const TAP_SECRETS: readonly SecretProperty[] = once('temporaryAccessPass');
/** A password Graph generated (reset-password without -newPassword). */
export const PASSWORD_SECRETS: readonly SecretProperty[] = once('newPassword');
/** A new QR code + PIN method: the PIN (generated, or as typed — then already learnt as 'never') and the QR codes. */
export const QR_SECRETS: readonly SecretProperty[] = once(
  'pin.code',
  ...['standardQRCode', 'temporaryQRCode'].flatMap((qr) => [`${qr}.image.rawContent`, `${qr}.image.binaryValue`]),
);
/** An OATH token's seed. */
export const OATH_SECRETS: readonly SecretProperty[] = [{ path: 'secretKey', shown: 'never' }];

/** Every one of them: for commands whose records may be of any method type (invoke-graph, get-methods). */
export const METHOD_SECRETS: readonly SecretProperty[] = [
  ...TAP_SECRETS,
  ...PASSWORD_SECRETS,
  ...QR_SECRETS,
  ...OATH_SECRETS,
];
