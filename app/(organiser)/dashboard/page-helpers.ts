import { redirect } from 'next/navigation';
import type { Caller } from '@/lib/auth/caller';
import { getCaller } from '@/lib/auth/get-caller';
import { campaignLanguages } from '@/lib/schemas/campaign';

/** Pages send anonymous visitors to sign in; lib/ still checks every call on its own. */
export async function requireSignedIn(): Promise<Caller> {
  const caller = await getCaller();
  if (!caller) redirect('/login');
  return caller;
}

export { orNotFound } from '@/lib/http/or-not-found';

/** Each campaign language by its own name, with the reader's name for it when they differ. */
export function campaignLanguageOptions(locale: string): { code: string; label: string }[] {
  const inReaderLanguage = new Intl.DisplayNames([locale, 'en'], { type: 'language' });
  return campaignLanguages.map((code) => {
    const own = new Intl.DisplayNames([code, 'en'], { type: 'language' }).of(code) ?? code;
    const reader = inReaderLanguage.of(code) ?? code;
    const ownCapitalised = own.charAt(0).toLocaleUpperCase(code) + own.slice(1);
    return { code, label: own === reader ? ownCapitalised : `${ownCapitalised} (${reader})` };
  });
}

const badgeByStatus: Record<'draft' | 'published' | 'closed' | 'pending' | 'confirmed', string> = {
  draft: 'badge badge-info',
  published: 'badge badge-success',
  closed: 'badge',
  pending: 'badge badge-warning',
  confirmed: 'badge badge-success',
};

export function badgeClass(status: keyof typeof badgeByStatus): string {
  return badgeByStatus[status];
}
