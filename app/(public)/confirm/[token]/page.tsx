import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { titleIn } from '@/lib/campaigns/campaign-views';
import { countryName } from '@/lib/countries/country-codes';
import { isolateIn } from '@/lib/i18n/locales';
import { getConfirmation, type ConfirmationView } from '@/lib/signatures/confirm-signature';
import { CONFIRMATION_DAYS } from '@/lib/signatures/sign-campaign';
import { confirmAction } from './actions';
import { ReceiptNotice } from './receipt-notice';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ limited?: string }> };

// The token is in the URL: keep the page out of search engines and never send it to another site.
// Not `no-referrer`: Chrome would then send `Origin: null` with the confirm POST and Next would refuse it without JavaScript.
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('public.confirm');
  return { title: t('metaTitle'), robots: { index: false, follow: false }, referrer: 'same-origin' };
}

/** Shows what is being confirmed. A GET never confirms: the button POSTs to `confirmAction`. */
export default async function ConfirmPage({ params, searchParams }: Props) {
  const [{ token }, { limited }, locale, t, tSign] = await Promise.all([
    params,
    searchParams,
    getLocale(),
    getTranslations('public.confirm'),
    getTranslations('public.sign'),
  ]);
  const view = await getConfirmation(token);
  const campaign = view.campaign;
  const title = campaign ? titleIn(campaign, locale) : '';
  const titleInSentence = isolateIn(locale, title);
  const campaignHref = campaign ? `/c/${campaign.slug}` : '/';

  switch (view.outcome) {
    case 'ready': {
      const { line, details } = describeSignature(view.signature!, locale, t);
      const shown = { public: t('shownPublic'), confidential: t('shownConfidential'), counted: t('shownCounted') }[view.signature!.visibility];
      return (
        <div className="narrow">
          <h1>{t('heading')}</h1>
          {limited === '1' ? (
            <p className="notice notice-warning" role="alert">
              {t('limited')}
            </p>
          ) : null}
          <p>{t('intro')}</p>
          <p className="card">
            <strong dir="auto">{title}</strong>
          </p>
          <h2>{t('signedAs')}</h2>
          <p dir="auto" data-testid="confirm-signature-line">
            {line}
          </p>
          {details.map((detail) => (
            <p key={detail} dir="auto">
              {detail}
            </p>
          ))}
          <p>
            <strong>{tSign(`visibility.${view.signature!.visibility}`, { document: campaign?.kind === 'hrc-statement' ? 'statement' : (campaign?.kind ?? 'letter') })}</strong>
          </p>
          <p>{shown}</p>
          {view.signature!.review ? <p>{t('reviewNote')}</p> : null}
          <p className="muted">{t('emailNeverShown')}</p>
          <form action={confirmAction.bind(null, token)}>
            <button type="submit" className="button">
              {t('button')}
            </button>
          </form>
          <p className="hint section">
            {t('notYou')}
          </p>
        </div>
      );
    }
    case 'confirmed':
    case 'already-confirmed':
      return (
        <div className="narrow notice notice-success" role="status">
          <h1>{t('confirmed.heading')}</h1>
          <p>{t('confirmed.body', { title: titleInSentence })}</p>
          <ReceiptNotice />
          <p>
            <Link href={campaignHref} className="button">
              {t('confirmed.back')}
            </Link>
          </p>
        </div>
      );
    case 'expired':
      return (
        <div className="narrow notice notice-warning">
          <h1>{t('expired.heading')}</h1>
          <p>{t('expired.body', { days: CONFIRMATION_DAYS })}</p>
          <p>{t('expired.again')}</p>
          <p>
            <Link href={`${campaignHref}#sign`} className="button">
              {t('expired.back')}
            </Link>
          </p>
        </div>
      );
    case 'closed':
      return (
        <div className="narrow notice notice-warning">
          <h1>{t('closed.heading')}</h1>
          <p>{t('closed.body', { title: titleInSentence })}</p>
          <p>
            <Link href={campaignHref} className="button-secondary">
              {t('closed.back')}
            </Link>
          </p>
        </div>
      );
    case 'not-found':
      return (
        <div className="narrow notice notice-error">
          <h1>{t('invalid.heading')}</h1>
          <p>{t('invalid.body')}</p>
          <p>
            <Link href="/" className="button-secondary">
              {t('invalid.home')}
            </Link>
          </p>
        </div>
      );
  }
}

type Translate = Awaited<ReturnType<typeof getTranslations<'public.confirm'>>>;

/** The signature as it will read, in its kind's shape, with what else the signer should check. */
function describeSignature(signature: NonNullable<ConfirmationView['signature']>, locale: string, t: Translate): { line: string; details: string[] } {
  const person = `${signature.givenName} ${signature.familyName}`;
  const join = (...parts: (string | null)[]) => parts.filter(Boolean).join(', ');
  const { organisation, group } = signature;
  if (organisation) {
    return {
      line: join(organisation.name, countryName(organisation.country ?? signature.country, locale)),
      details: [t('forOrganisation', { name: isolateIn(locale, person) }), t('ecosoc', { status: organisation.ecosocStatus ?? 'none' })],
    };
  }
  if (group) {
    return {
      line: join(group.label ?? t('groupUnnamed'), t('groupMembers', { count: group.members }), countryName(signature.country, locale)),
      details: [...(group.relationship ? [t('groupRelationship', { relationship: isolateIn(locale, group.relationship) })] : []), t('groupContact', { name: isolateIn(locale, person) })],
    };
  }
  const name = signature.kind === 'notable' && signature.honorific ? `${signature.honorific} ${person}` : person;
  return { line: join(name, signature.title, signature.kind === 'notable' ? signature.affiliation : null, countryName(signature.country, locale)), details: [] };
}
