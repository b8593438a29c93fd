// enable-user: let a disabled account sign in again (support/account-state.ts holds both halves).
import { accountStateCommand } from './support/account-state.js';

export default accountStateCommand(true);
