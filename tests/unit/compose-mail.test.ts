import { describe, expect, it } from 'vitest';
import { composeMail } from '@/lib/mail/compose-mail';

describe('composeMail', () => {
  it('renders the confirmation mail as HTML and plain text, both carrying the link', async () => {
    const url = 'http://localhost:3000/confirm/' + 'A'.repeat(43);
    const mail = await composeMail({ kind: 'confirm-signature', locale: 'en', title: 'Free the Five', url, days: 7 });
    expect(mail.subject).toBe('Confirm your signature: Free the Five');
    expect(mail.html).toContain(`href="${url}"`);
    expect(mail.text).toContain(url);
    expect(mail.text).toContain('7 days');
  });

  it('escapes a hostile campaign title in the HTML', async () => {
    const mail = await composeMail({
      kind: 'already-signed',
      locale: 'en',
      title: '<img src=x onerror=alert(1)>',
      url: 'http://localhost:3000/c/x',
      withdrawUrl: 'http://localhost:3000/withdraw/x',
    });
    expect(mail.html).not.toContain('<img src=x');
    expect(mail.html).toContain('&lt;img');
  });

  it('speaks French to French readers', async () => {
    const mail = await composeMail({ kind: 'magic-link', locale: 'fr', email: 'a@example.org', url: 'http://localhost:3000/login/verify' });
    expect(mail.subject).toBe('Votre lien de connexion à Undersigned');
    expect(mail.html).toContain('lang="fr"');
  });

  it('contains no tracking images or marketing links', async () => {
    const mail = await composeMail({ kind: 'confirm-signature', locale: 'en', title: 'T', url: 'http://localhost:3000/confirm/x', days: 7 });
    expect(mail.html).not.toMatch(/<img/i);
    expect((mail.html.match(/href="/g) ?? []).length).toBe(2);
  });
});

describe('composeMail reuse', () => {
  it('gives each mail its own link even when the rest is reused', async () => {
    const base = { kind: 'confirm-signature' as const, locale: 'en', title: 'Same letter', days: 7 };
    const a = await composeMail({ ...base, url: 'http://localhost:3000/confirm/aaa' });
    const b = await composeMail({ ...base, url: 'http://localhost:3000/confirm/bbb?x=1&y=2' });
    expect(a.html).toContain('/confirm/aaa"');
    expect(a.html).not.toContain('bbb');
    expect(b.html).toContain('/confirm/bbb?x=1&amp;y=2"');
    expect(b.text).toContain('/confirm/bbb?x=1&y=2');
    expect(b.html).not.toContain('placeholder');
  });
});

describe('mails to signers in Persian and Arabic', () => {
  const confirmUrl = 'http://localhost:3000/confirm/' + 'B'.repeat(43);
  const withdrawUrl = 'http://localhost:3000/withdraw/' + 'W'.repeat(43);

  it('writes the confirmation mail right to left in Persian, its link opening the site in Persian', async () => {
    const mail = await composeMail({ kind: 'confirm-signature', locale: 'fa', title: 'Free the Five', url: confirmUrl, days: 7 });
    expect(mail.subject).toBe('امضایتان را تأیید کنید: Free the Five');
    expect(mail.html).toContain('lang="fa"');
    expect(mail.html).toContain('dir="rtl"');
    expect(mail.html).toContain(`href="${confirmUrl}?lang=fa"`);
    expect(mail.text).toContain('۷ روز');
    // A Latin title inside a Persian sentence is isolated, so it cannot reorder the words around it.
    expect(mail.text).toContain('«\u2068Free the Five\u2069»');
  });

  it('gives no withdrawal link before confirmation, but says that ignoring the mail keeps nothing', async () => {
    for (const locale of ['en', 'fr', 'fa', 'ar']) {
      const mail = await composeMail({ kind: 'confirm-signature', locale, title: 'T', url: confirmUrl, days: 7 });
      expect(mail.html).not.toContain('/withdraw/');
    }
    const english = await composeMail({ kind: 'confirm-signature', locale: 'en', title: 'T', url: confirmUrl, days: 7 });
    expect(english.text).toContain('nothing will be signed or counted, and we delete what was entered once this link expires');
  });

  it.each(['en', 'fr', 'fa', 'ar'])('carries the withdrawal link in every mail about an existing signature (%s)', async (locale) => {
    const requests = [
      { kind: 'already-signed' as const, locale, title: 'T', url: 'http://localhost:3000/c/t', withdrawUrl },
      { kind: 'signature-receipt' as const, locale, title: 'T', url: 'http://localhost:3000/verify#receipt=R', withdrawUrl },
      { kind: 'signature-rejected' as const, locale, title: 'T', reason: 'Not a judge', url: 'http://localhost:3000/c/t', withdrawUrl },
      { kind: 'withdraw-signature' as const, locale, title: 'T', url: withdrawUrl },
    ];
    const expected = locale === 'en' ? withdrawUrl : `${withdrawUrl}?lang=${locale}`;
    for (const request of requests) {
      const mail = await composeMail(request);
      expect([request.kind, mail.html.includes(`href="${expected}"`), mail.text.includes(expected)]).toEqual([request.kind, true, true]);
    }
  });

  it('keeps the receipt in the fragment, after the language', async () => {
    const mail = await composeMail({ kind: 'signature-receipt', locale: 'ar', title: 'T', url: 'http://localhost:3000/verify#receipt=RRR', withdrawUrl });
    expect(mail.html).toContain('href="http://localhost:3000/verify?lang=ar#receipt=RRR"');
    expect(mail.html).toContain('dir="rtl"');
    expect(mail.subject).toBe('إيصالك لـ«T»');
  });
});
