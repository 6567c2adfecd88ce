import { render } from '@react-email/render';
import { createTranslator } from 'use-intl/core';
import ActionEmail, { type ActionEmailProps } from '@/emails/action-email';
import { loadMessages } from '@/lib/i18n/messages';
import type englishEmails from '@/messages/en/emails.json';
import { directionOf, isLocale, defaultLocale } from '@/lib/i18n/locales';

export type MailContent = { subject: string; html: string; text: string };

export type MailRequest =
  | { kind: 'confirm-signature'; locale: string; title: string; url: string; days: number }
  | { kind: 'already-signed'; locale: string; title: string; url: string }
  | { kind: 'withdraw-signature'; locale: string; title: string; url: string }
  | { kind: 'magic-link'; locale: string; email: string; url: string }
  | { kind: 'no-access'; locale: string; email: string }
  | { kind: 'organiser-invite'; locale: string; email: string; inviter: string; url: string };

const LINK_PLACEHOLDER = 'https://link.undersigned.invalid/placeholder';
const cache = new Map<string, Promise<MailContent>>();
const CACHE_LIMIT = 500;

/**
 * Turns a mail request into localised subject, HTML and plain text. Rendering is the
 * costly part of signing, and mails differ only by their link, so each kind, language
 * and title is rendered once with a placeholder that the real link then replaces.
 */
export async function composeMail(request: MailRequest): Promise<MailContent> {
  if (!('url' in request)) return renderMail(request);
  const key = JSON.stringify({ ...request, url: undefined });
  let template = cache.get(key);
  if (!template) {
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    template = renderMail({ ...request, url: LINK_PLACEHOLDER });
    cache.set(key, template);
    template.catch(() => cache.delete(key));
  }
  const { subject, html, text } = await template;
  const htmlUrl = request.url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return { subject, html: html.split(LINK_PLACEHOLDER).join(htmlUrl), text: text.split(LINK_PLACEHOLDER).join(request.url) };
}

async function renderMail(request: MailRequest): Promise<MailContent> {
  const locale = isLocale(request.locale) ? request.locale : defaultLocale;
  const messages = await loadMessages(locale);
  const t = createTranslator({ locale, messages: messages as typeof englishEmails, namespace: 'emails' });
  const frame = { lang: locale, dir: directionOf(locale), footer: t('footer') };
  const action = (label: string, url: string) => ({ label, url, fallback: t('fallback') });

  let subject: string;
  let props: ActionEmailProps;
  switch (request.kind) {
    case 'confirm-signature':
      subject = t('confirm.subject', { title: request.title });
      props = {
        ...frame,
        preview: t('confirm.heading'),
        heading: t('confirm.heading'),
        paragraphs: [t('confirm.intro', { title: request.title })],
        action: action(t('confirm.button'), request.url),
        afterword: [t('confirm.expiry', { days: request.days }), t('confirm.ignore')],
      };
      break;
    case 'already-signed':
      subject = t('alreadySigned.subject', { title: request.title });
      props = {
        ...frame,
        preview: t('alreadySigned.heading'),
        heading: t('alreadySigned.heading'),
        paragraphs: [t('alreadySigned.intro', { title: request.title })],
        action: action(t('alreadySigned.button'), request.url),
        afterword: [t('alreadySigned.ignore')],
      };
      break;
    case 'withdraw-signature':
      subject = t('withdraw.subject', { title: request.title });
      props = {
        ...frame,
        preview: t('withdraw.heading'),
        heading: t('withdraw.heading'),
        paragraphs: [t('withdraw.intro', { title: request.title })],
        action: action(t('withdraw.button'), request.url),
        afterword: [t('withdraw.ignore')],
      };
      break;
    case 'magic-link':
      subject = t('magicLink.subject');
      props = {
        ...frame,
        preview: t('magicLink.heading'),
        heading: t('magicLink.heading'),
        paragraphs: [t('magicLink.intro', { email: request.email })],
        action: action(t('magicLink.button'), request.url),
        afterword: [t('magicLink.ignore')],
      };
      break;
    case 'no-access':
      subject = t('noAccess.subject');
      props = {
        ...frame,
        preview: t('noAccess.heading'),
        heading: t('noAccess.heading'),
        paragraphs: [t('noAccess.intro', { email: request.email })],
        afterword: [t('noAccess.ignore')],
      };
      break;
    case 'organiser-invite':
      subject = t('invite.subject');
      props = {
        ...frame,
        preview: t('invite.heading'),
        heading: t('invite.heading'),
        paragraphs: [t('invite.intro', { inviter: request.inviter, email: request.email })],
        action: action(t('invite.button'), request.url),
        afterword: [t('invite.ignore')],
      };
      break;
  }
  const element = ActionEmail(props);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject, html, text };
}
