import { describe, expect, it } from 'vitest';
import { inviteOrganiser, listOrganisers } from '@/lib/auth/invite-organiser';
import { isOrganiserEmail } from '@/lib/auth/is-organiser-email';
import { safeCallbackUrl, sendSignInLink } from '@/lib/auth/send-sign-in-link';
import { createOrganiser, mailsTo, unique } from '../helpers/fixtures';
import { withTestDatabase } from '../helpers/test-db';

withTestDatabase();

describe('organiser access', () => {
  it('lets ADMIN_EMAILS in, and nobody else until invited', async () => {
    const email = `${unique('new')}@undersigned.test`;
    expect(await isOrganiserEmail('ADMIN@undersigned.test')).toBe(true);
    expect(await isOrganiserEmail(email)).toBe(false);

    const admin = await createOrganiser({ admin: true });
    await expect(inviteOrganiser(admin, { email: email.toUpperCase() }, { locale: 'en' })).resolves.toEqual({ email, status: 'invited' });
    await expect(inviteOrganiser(admin, { email }, { locale: 'en' })).resolves.toEqual({ email, status: 'already-invited' });
    expect(await isOrganiserEmail(email)).toBe(true);
    expect((await mailsTo(email)).map((m) => m.kind)).toEqual(['organiser-invite']);
    expect((await listOrganisers(admin)).map((o) => o.email)).toContain(email);
  });

  it('hides invitations from organisers who are not administrators', async () => {
    const organiser = await createOrganiser();
    await expect(inviteOrganiser(organiser, { email: 'x@example.org' }, { locale: 'en' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(listOrganisers(organiser)).rejects.toMatchObject({ code: 'not_found' });
    await expect(inviteOrganiser(null, { email: 'x@example.org' }, { locale: 'en' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('mails organisers a link to the confirm-before-sign-in page, and others a no-access note', async () => {
    const callback = 'http://localhost:3000/api/auth/callback/email?callbackUrl=%2Fdashboard&token=abc&email=admin%40undersigned.test';
    await sendSignInLink('admin@undersigned.test', callback, 'en');
    const [link] = await mailsTo('admin@undersigned.test');
    expect(link.kind).toBe('magic-link');
    expect(link.text).toContain('http://localhost:3000/login/verify?url=');

    const stranger = `${unique('stranger')}@example.org`;
    await sendSignInLink(stranger, callback.replace('admin%40undersigned.test', encodeURIComponent(stranger)), 'en');
    const [note] = await mailsTo(stranger);
    expect(note.kind).toBe('no-access');
    expect(note.html).not.toContain('callback');
  });

  it('sends a few sign-in mails per address, however often the form is used', async () => {
    const email = `${unique('flood')}@example.org`;
    const callback = `http://localhost:3000/api/auth/callback/email?token=abc&email=${encodeURIComponent(email)}`;
    for (let i = 0; i < 10; i++) await sendSignInLink(email, callback, 'en');
    expect(await mailsTo(email)).toHaveLength(3);
  });

  it('follows only our own Auth.js email callback from the verify page', () => {
    expect(safeCallbackUrl('http://localhost:3000/api/auth/callback/email?token=t&email=a%40b.c')).toBe(
      '/api/auth/callback/email?token=t&email=a%40b.c',
    );
    expect(safeCallbackUrl('https://evil.example/api/auth/callback/email?token=t&email=e')).toBeNull();
    expect(safeCallbackUrl('http://localhost:3000/dashboard?token=t&email=e')).toBeNull();
    expect(safeCallbackUrl('javascript:alert(1)')).toBeNull();
    expect(safeCallbackUrl(undefined)).toBeNull();
  });
});
