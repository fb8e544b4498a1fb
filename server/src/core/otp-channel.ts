/**
 * Where one-time codes go: a text message to a mainland mobile number. A real SMS gateway implements
 * `send`; the platform only ever hands it the phone on record, never a number the caller typed in for an
 * existing person. The channels themselves live in modules/auth/otp-channel.ts.
 */
export interface OtpChannel {
  send(phone: string, text: string): Promise<void>;
}
