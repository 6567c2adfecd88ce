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
  /** Only ever on a mail sent alone (see drainOutbox). */
  attachments?: { filename: string; content: Buffer }[];
};

export type SendResult =
  | { ok: true; providerIds: (string | null)[] }
  | {
      ok: false;
      /** Worth trying again later (network, timeout, 5xx, 429); otherwise the content was refused. */
      retryable: boolean;
      /** 429: the provider asks us to slow down. Not a failure of the mail, so it uses up no attempt. */
      rateLimited: boolean;
      retryAfterMs?: number;
      status: number | null;
      error: string;
    };

export type Transport = {
  name: 'resend' | 'dev-mailbox';
  /**
   * Sends up to 100 mails as one unit under one idempotency key: all accepted or none. The same
   * key with the same mails must always be the same request, so a retry cannot send twice.
   */
  send(mails: OutgoingMail[], idempotencyKey: string): Promise<SendResult>;
  /** Keep bodies after sending? Only the dev mailbox, which is where people read them. */
  keepsBodies: boolean;
};

let resendClient: Resend | undefined;

export function getTransport(): Transport {
  const env = getEnv();
  if (!env.resendApiKey) return devMailboxTransport;
  // The SDK reads RESEND_BASE_URL itself, which lets tests aim it at a local fake.
  resendClient ??= new Resend(env.resendApiKey);
  return resendTransport(resendClient, env.mailTimeoutMs);
}

/** The Resend client, for verifying webhooks with Resend's own verifier. */
export function getResendClient(): Resend | undefined {
  const env = getEnv();
  if (!env.resendApiKey) return undefined;
  resendClient ??= new Resend(env.resendApiKey);
  return resendClient;
}

const devMailboxTransport: Transport = {
  name: 'dev-mailbox',
  keepsBodies: true,
  async send(mails) {
    return { ok: true, providerIds: mails.map(() => null) };
  },
};

function resendTransport(client: Resend, timeoutMs: number): Transport {
  return {
    name: 'resend',
    keepsBodies: false,
    async send(mails, idempotencyKey) {
      const payload = mails.map((mail) => ({
        from: mail.from,
        to: [mail.to],
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        ...(Object.keys(mail.headers).length ? { headers: mail.headers } : {}),
        ...(mail.attachments ? { attachments: mail.attachments } : {}),
      }));
      // The signal aborts the HTTP request itself: a hanging provider must not hold the sender.
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        if (payload.length === 1) {
          const response = await client.emails.send(payload[0], { idempotencyKey, signal });
          if (response.error) return failure(response.error, response.headers, signal);
          return { ok: true, providerIds: [response.data?.id ?? null] };
        }
        const response = await client.batch.send(payload, { idempotencyKey, signal });
        if (response.error) return failure(response.error, response.headers, signal);
        const ids = response.data?.data?.map((item) => item.id) ?? [];
        return { ok: true, providerIds: mails.map((_, index) => ids[index] ?? null) };
      } catch (error) {
        const name = signal.aborted ? 'timeout' : error instanceof Error ? error.name : 'network error';
        return { ok: false, retryable: true, rateLimited: false, status: null, error: name };
      }
    },
  };
}

function failure(
  error: { statusCode: number | null; name: string; message: string },
  headers: Record<string, string> | null,
  signal: AbortSignal,
): SendResult {
  const status = error.statusCode;
  const rateLimited = status === 429;
  const retryable =
    status === null || rateLimited || status >= 500 || status === 408 || error.name === 'concurrent_idempotent_requests';
  const name = status === null && signal.aborted ? 'timeout' : error.name;
  return { ok: false, retryable, rateLimited, retryAfterMs: retryAfter(headers), status, error: `${status ?? '-'} ${name}` };
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
