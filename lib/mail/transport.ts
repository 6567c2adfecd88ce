import { createHash } from 'node:crypto';
import { Resend } from 'resend';
import { getEnv } from '@/lib/env';

export type OutgoingMail = {
  id: number;
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
};

export type SendResult =
  | { ok: true; providerIds: (string | null)[] }
  | { ok: false; retryable: boolean; retryAfterMs?: number; status: number | null; error: string };

export type Transport = {
  name: 'resend' | 'dev-mailbox';
  /** Sends up to 100 mails as one unit: all accepted or none. */
  send(mails: OutgoingMail[]): Promise<SendResult>;
  /** Keep bodies after sending? Only the dev mailbox, which is where people read them. */
  keepsBodies: boolean;
};

let resendClient: Resend | undefined;

export function getTransport(): Transport {
  const env = getEnv();
  if (!env.resendApiKey) return devMailboxTransport;
  // The SDK reads RESEND_BASE_URL itself, which lets tests aim it at a local fake.
  resendClient ??= new Resend(env.resendApiKey);
  return resendTransport(resendClient);
}

const devMailboxTransport: Transport = {
  name: 'dev-mailbox',
  keepsBodies: true,
  async send(mails) {
    return { ok: true, providerIds: mails.map(() => null) };
  },
};

function resendTransport(client: Resend): Transport {
  return {
    name: 'resend',
    keepsBodies: false,
    async send(mails) {
      const payload = mails.map((mail) => ({
        from: mail.from,
        to: [mail.to],
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        ...(Object.keys(mail.headers).length ? { headers: mail.headers } : {}),
      }));
      // The same rows always produce the same key, so a retry after a lost answer cannot double-send.
      const idempotencyKey = `outbox-${createHash('sha256').update(mails.map((m) => m.id).join(',')).digest('hex').slice(0, 32)}`;
      try {
        if (payload.length === 1) {
          const response = await client.emails.send(payload[0], { idempotencyKey });
          if (response.error) return failure(response.error, response.headers);
          return { ok: true, providerIds: [response.data?.id ?? null] };
        }
        const response = await client.batch.send(payload, { idempotencyKey });
        if (response.error) return failure(response.error, response.headers);
        const ids = response.data?.data?.map((item) => item.id) ?? [];
        return { ok: true, providerIds: mails.map((_, index) => ids[index] ?? null) };
      } catch (error) {
        return { ok: false, retryable: true, status: null, error: error instanceof Error ? error.name : 'network error' };
      }
    },
  };
}

function failure(
  error: { statusCode: number | null; name: string; message: string },
  headers: Record<string, string> | null,
): SendResult {
  const status = error.statusCode;
  const retryable = status === null || status === 429 || status >= 500 || error.name === 'concurrent_idempotent_requests';
  return { ok: false, retryable, retryAfterMs: retryAfter(headers), status, error: `${status ?? '-'} ${error.name}` };
}

/** `retry-after` in seconds (or an HTTP date), else `ratelimit-reset`, as milliseconds. */
export function retryAfter(headers: Record<string, string> | null | undefined): number | undefined {
  if (!headers) return undefined;
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const value = lower['retry-after'] ?? lower['ratelimit-reset'];
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

/** For tests: forget the client so a changed configuration takes effect. */
export function resetTransport(): void {
  resendClient = undefined;
}
