/**
 * The identity used for "one signature per person": trimmed, lower-cased, `+tag` removed
 * from the local part. The address the signer typed is kept separately for mailing.
 */
export function canonicaliseEmail(email: string): string {
  const trimmed = email.trim().toLowerCase();
  const at = trimmed.lastIndexOf('@');
  if (at < 1) return trimmed;
  const local = trimmed.slice(0, at);
  const domain = trimmed.slice(at + 1);
  const plus = local.indexOf('+');
  const base = plus > 0 ? local.slice(0, plus) : local;
  return `${base}@${domain}`;
}
