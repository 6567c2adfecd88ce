// Providers that ignore dots in the local part, and their alias domains.
const DOTLESS_DOMAINS: Record<string, string> = { 'gmail.com': 'gmail.com', 'googlemail.com': 'gmail.com' };

/**
 * The identity used for "one signature per person": trimmed, lower-cased, `+tag` removed
 * from the local part, and the big providers' own rules applied (Gmail ignores dots;
 * googlemail.com is gmail.com). The address the signer typed is kept separately for mailing.
 */
export function canonicaliseEmail(email: string): string {
  const trimmed = email.trim().toLowerCase();
  const at = trimmed.lastIndexOf('@');
  if (at < 1) return trimmed;
  const local = trimmed.slice(0, at);
  let domain = trimmed.slice(at + 1);
  const plus = local.indexOf('+');
  let base = plus > 0 ? local.slice(0, plus) : local;
  const alias = DOTLESS_DOMAINS[domain];
  if (alias) {
    domain = alias;
    base = base.replace(/\./g, '') || base;
  }
  return `${base}@${domain}`;
}

/** The domain part of a canonical address, for per-domain limits. */
export function emailDomain(canonical: string): string {
  return canonical.slice(canonical.lastIndexOf('@') + 1);
}
