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
    const mail = await composeMail({ kind: 'already-signed', locale: 'en', title: '<img src=x onerror=alert(1)>', url: 'http://localhost:3000/c/x' });
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
