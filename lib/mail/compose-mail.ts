import { render } from '@react-email/render';
import { createTranslator } from 'use-intl/core';
import ActionEmail, { type ActionEmailProps } from '@/emails/action-email';
import { loadMessages } from '@/lib/i18n/messages';
import type englishEmails from '@/messages/en/emails.json';
import { directionOf, isLocale, isolateIn, defaultLocale } from '@/lib/i18n/locales';

/** One signature in the answer to a request for one's data: what we hold, as the signer would read it. */
export type SignerDataRecord = {
  title: string;
  address: string;
  /** `value` is shown as given; `term` names a fixed word (a visibility, a status) said in the mail's language. */
  fields: ({ field: SignerDataField; value: string } | { field: SignerDataField; term: SignerDataTerm })[];
  withdrawUrl: string | null;
};
export type SignerDataField =
  | 'name' | 'title' | 'affiliation' | 'organisation' | 'website' | 'group' | 'relationship' | 'country' | 'email'
  | 'kind' | 'visibility' | 'status' | 'source' | 'signedAt' | 'confirmedAt' | 'consent' | 'review' | 'deliveries' | 'corrected';

export type SignerDataTerm =
  | 'individual' | 'notable' | 'organisation' | 'group'
  | 'public' | 'confidential' | 'counted'
  | 'confirmed' | 'pending' | 'online' | 'paper'
  | 'reviewPending' | 'reviewApproved' | 'reviewRejected' | 'held' | 'hidden' | 'invalidated' | 'none';

export type MailContent = { subject: string; html: string; text: string };

/**
 * `withdrawUrl`: every mail about a signature that exists carries the signer's own withdrawal link.
 * The confirmation mail does not: until confirmed nothing counts, and ignoring it deletes everything.
 */
export type MailRequest =
  | { kind: 'confirm-signature'; locale: string; title: string; url: string; days: number }
  | { kind: 'already-signed'; locale: string; title: string; url: string; withdrawUrl: string }
  | { kind: 'withdraw-signature'; locale: string; title: string; url: string }
  | { kind: 'signature-rejected'; locale: string; title: string; reason: string; url: string; withdrawUrl: string }
  | { kind: 'signature-receipt'; locale: string; title: string; url: string; withdrawUrl: string }
  | { kind: 'delivery'; locale: string; title: string; organisers: string; count: number; fingerprint: string; url: string }
  | { kind: 'magic-link'; locale: string; email: string; url: string }
  | { kind: 'no-access'; locale: string; email: string }
  | { kind: 'signer-data'; locale: string; count: number; records: SignerDataRecord[] }
  | { kind: 'organiser-invite'; locale: string; email: string; inviter: string; url: string }
  | { kind: 'workspace-invite'; locale: string; workspace: string; inviter: string; role: string; days: number; url: string };

const LINK_PLACEHOLDER = 'https://link.undersigned.invalid/placeholder';
const WITHDRAW_PLACEHOLDER = 'https://link.undersigned.invalid/withdraw-placeholder';
/** Mails to signers: their links open the site in the mail's language (proxy.ts reads `lang`). */
const SIGNER_KINDS = new Set<MailRequest['kind']>(['confirm-signature', 'already-signed', 'withdraw-signature', 'signature-rejected', 'signature-receipt']);
const cache = new Map<string, Promise<MailContent>>();
const CACHE_LIMIT = 500;

/**
 * Turns a mail request into localised subject, HTML and plain text. Rendering is the
 * costly part of signing, and mails differ only by their link, so each kind, language
 * and title is rendered once with a placeholder that the real link then replaces.
 */
export async function composeMail(request: MailRequest): Promise<MailContent> {
  if (!('url' in request)) return renderMail(request);
  const withdrawUrl = 'withdrawUrl' in request ? request.withdrawUrl : undefined;
  const key = JSON.stringify({ ...request, url: undefined, withdrawUrl: undefined });
  let template = cache.get(key);
  if (!template) {
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    template = renderMail({ ...request, url: LINK_PLACEHOLDER, ...(withdrawUrl ? { withdrawUrl: WITHDRAW_PLACEHOLDER } : {}) } as MailRequest);
    cache.set(key, template);
    template.catch(() => cache.delete(key));
  }
  const { subject, html, text } = await template;
  const links: [string, string][] = [[LINK_PLACEHOLDER, request.url]];
  if (withdrawUrl) links.push([WITHDRAW_PLACEHOLDER, withdrawUrl]);
  const signer = SIGNER_KINDS.has(request.kind);
  let content = { subject, html, text };
  for (const [placeholder, raw] of links) {
    const url = signer ? inLanguage(raw, request.locale) : raw;
    const htmlUrl = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    content = { subject, html: content.html.split(placeholder).join(htmlUrl), text: content.text.split(placeholder).join(url) };
  }
  return content;
}

/**
 * The link with the mail's language as `lang`, before any fragment (a receipt travels there).
 * English, the default, is left out: it is also what a reader without a known preference gets,
 * and links in English mails keep the shape other tools and tests expect.
 */
function inLanguage(url: string, locale: string): string {
  if (!isLocale(locale) || locale === defaultLocale) return url;
  const hash = url.indexOf('#');
  const [base, fragment] = hash < 0 ? [url, ''] : [url.slice(0, hash), url.slice(hash)];
  return `${base}${base.includes('?') ? '&' : '?'}lang=${locale}${fragment}`;
}

/** Which message block each kind uses, and which of its lines follow the button. */
const layouts: Record<MailRequest['kind'], { block: string; afterword: string[] }> = {
  'confirm-signature': { block: 'confirm', afterword: ['expiry', 'ignore'] },
  'already-signed': { block: 'alreadySigned', afterword: ['ignore'] },
  'withdraw-signature': { block: 'withdraw', afterword: ['ignore'] },
  'signature-rejected': { block: 'rejected', afterword: ['ignore'] },
  'signature-receipt': { block: 'receipt', afterword: ['keep', 'private'] },
  delivery: { block: 'delivery', afterword: ['verify'] },
  'magic-link': { block: 'magicLink', afterword: ['ignore'] },
  'no-access': { block: 'noAccess', afterword: ['ignore'] },
  'organiser-invite': { block: 'invite', afterword: ['ignore'] },
  'workspace-invite': { block: 'workspaceInvite', afterword: ['expiry', 'ignore'] },
  'signer-data': { block: 'signerData', afterword: ['rights', 'ignore'] },
};

async function renderMail(request: MailRequest): Promise<MailContent> {
  const locale = isLocale(request.locale) ? request.locale : defaultLocale;
  const messages = (await loadMessages(locale)) as unknown as typeof englishEmails;
  const t = createTranslator({ locale, messages, namespace: 'emails' });
  const { block, afterword } = layouts[request.kind];
  // Every field of the request is a possible placeholder in its strings ({title}, {email}, {days}...).
  const { kind: _kind, locale: _locale, ...values } = request;
  const records = request.kind === 'signer-data' ? request.records : undefined;
  if (records) delete (values as { records?: unknown }).records;
  // In the body, a title or name of the other direction is isolated from the sentence around it;
  // subjects keep plain text, which every mail client shows.
  const isolated = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, typeof value === 'string' ? isolateIn(locale, value) : value]));
  const line = (key: string, plain = false) => t(`${block}.${key}` as Parameters<typeof t>[0], (plain ? values : isolated) as Record<string, string | number>);
  const heading = line('heading');
  const props: ActionEmailProps = {
    lang: locale,
    dir: directionOf(locale),
    footer: t('footer'),
    preview: heading,
    heading,
    paragraphs: [line('intro')],
    action: 'url' in request ? { label: line('button'), url: request.url, fallback: t('fallback') } : undefined,
    afterword: afterword.map((key) => line(key)),
    withdraw: 'withdrawUrl' in request ? { label: t('withdrawLink'), url: request.withdrawUrl } : undefined,
    records: records?.map((record) => ({
      heading: `${isolateIn(locale, record.title)} (${record.address})`,
      lines: record.fields.map((entry) => {
        const label = t(`signerData.fields.${entry.field}` as Parameters<typeof t>[0]);
        return `${label}: ${'term' in entry ? t(`signerData.terms.${entry.term}` as Parameters<typeof t>[0]) : isolateIn(locale, entry.value)}`;
      }),
      link: record.withdrawUrl ? { label: t('withdrawLink'), url: inLanguage(record.withdrawUrl, locale) } : undefined,
    })),
  };
  const element = ActionEmail(props);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: line('subject', true), html, text };
}
