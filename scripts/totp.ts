/** Prints the current TOTP code for a base32 secret: for demos without an authenticator app at hand. */
import { currentTotp } from '../server/src/modules/auth/totp.ts';

const secret = process.argv[2];
if (!secret) {
  console.error('usage: npx tsx scripts/totp.ts <base32 secret shown at enrolment>');
  process.exit(2);
}
console.log(currentTotp(secret.replace(/\s+/g, '').toUpperCase(), new Date()));
