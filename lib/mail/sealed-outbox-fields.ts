import { mailAddressHash } from '@/lib/crypto/keyed-hash';
import { sealMail } from '@/lib/crypto/seal-mail';

/**
 * How a mail's address and bodies are stored while it waits: encrypted, with a keyed hash of the
 * address to match suppressions, throttles and withdrawals by. Nothing about it is readable in a dump.
 */
export function sealedOutboxFields(to: string, content: { html: string; text: string }): { addressHash: string; sealed: Buffer } {
  return { addressHash: mailAddressHash(to), sealed: sealMail({ to, html: content.html, text: content.text }) };
}
