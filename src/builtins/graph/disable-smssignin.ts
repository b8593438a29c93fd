// disable-smssignin: SMS sign-in off for a user's mobile phone (support/sms.ts holds both halves).
import { smsSignInCommand } from './support/sms.js';

export default smsSignInCommand(false);
