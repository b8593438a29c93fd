// disable-user: block an account from signing in (support/account-state.ts holds both halves).
import { accountStateCommand } from './support/account-state.js';

export default accountStateCommand(false);
