// The Graph emulator's public entry: start it, and the types tests and the CLI use.
export { startEmulator, type Emulator, type EmulatorOptions } from './server.js';
export { Counters, Faults, type FaultOptions } from './faults.js';
export type { TokenIssuer } from './auth/tokens.js';
export { parseLicense, type License } from './routes/licence.js';
