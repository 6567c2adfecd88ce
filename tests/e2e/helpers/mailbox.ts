/**
 * The inbox of the e2e run: the fake Resend server started by playwright.config.ts.
 * Everything the app sends arrives there, whoever it is addressed to.
 */
const FAKE_RESEND_URL = `http://127.0.0.1:${process.env.FAKE_RESEND_PORT ?? 3999}`;

export type Mail = {
  id: string;
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  createdAt: number;
};

export async function listMail(): Promise<Mail[]> {
  const response = await fetch(`${FAKE_RESEND_URL}/_test/emails`);
  if (!response.ok) throw new Error(`fake resend answered ${response.status} for /_test/emails`);
  const emails = (await response.json()) as (Omit<Mail, 'html' | 'text'> & { html?: string; text?: string })[];
  return emails.map((email) => ({ ...email, html: email.html ?? '', text: email.text ?? '' }));
}

export async function clearMail(): Promise<void> {
  const response = await fetch(`${FAKE_RESEND_URL}/_test/clear`, { method: 'POST' });
  if (!response.ok) throw new Error(`fake resend answered ${response.status} for /_test/clear`);
}

/** Makes the next `times` sends fail with `status`, e.g. 429 with `{ 'retry-after': '1' }`. */
export async function failNextMail(status: number, headers: Record<string, string> = {}, times = 1): Promise<void> {
  const response = await fetch(`${FAKE_RESEND_URL}/_test/fail`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status, headers, times }),
  });
  if (!response.ok) throw new Error(`fake resend answered ${response.status} for /_test/fail`);
}

/**
 * The newest mail to `to` (case-insensitive) whose subject matches, polling until one arrives.
 * `since` (ms since the epoch) ignores mail accepted before it, e.g. an earlier sign-in link.
 */
export async function waitForMail(
  to: string,
  subjectIncludes?: RegExp | string,
  timeoutMs = 15_000,
  since = 0,
): Promise<Mail> {
  const address = to.trim().toLowerCase();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = (await listMail())
      .filter((mail) => mail.createdAt >= since)
      .filter((mail) => mail.to.some((recipient) => recipientAddress(recipient) === address))
      .filter((mail) => subjectMatches(mail.subject, subjectIncludes))
      .at(-1);
    if (match) return match;
    if (Date.now() > deadline) {
      const seen = (await listMail()).map((mail) => `${mail.to.join(',')}: ${mail.subject}`);
      throw new Error(
        `no mail to ${to}${subjectIncludes ? ` matching ${String(subjectIncludes)}` : ''} within ${timeoutMs} ms; mailbox has:\n  ${seen.join('\n  ') || '(nothing)'}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Every href in the mail's HTML, with entities such as &amp; decoded, in document order. */
export function linksIn(html: string): string[] {
  return [...html.matchAll(/\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)].map((match) => decodeEntities(match[1] ?? match[2] ?? ''));
}

function subjectMatches(subject: string, wanted: RegExp | string | undefined): boolean {
  if (wanted === undefined) return true;
  if (typeof wanted === 'string') return subject.includes(wanted);
  wanted.lastIndex = 0;
  return wanted.test(subject);
}

/** "Name <a@b.c>" and "a@b.c" both mean a@b.c. */
function recipientAddress(recipient: string): string {
  return (recipient.match(/<([^>]+)>/)?.[1] ?? recipient).trim().toLowerCase();
}

function decodeEntities(value: string): string {
  return value
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
