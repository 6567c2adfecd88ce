import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { cache } from 'react';
import Markdown from 'react-markdown';
import { localiseCampaign } from '@/lib/campaigns/campaign-views';
import { getPublicCampaign } from '@/lib/campaigns/get-public-campaign';
import { listPublicDeliveries } from '@/lib/deliveries/list-deliveries';
import { countryName, listCountries } from '@/lib/countries/country-codes';
import { directionOf, formatSignerDate, formatSignerNumber, isLocale, locales } from '@/lib/i18n/locales';
import { DeliveryTimeline } from './delivery-timeline';
import { consentText } from '@/lib/privacy/consent';
import { listPublicSignersBySlug } from '@/lib/signatures/list-public-signers';
import { CONFIRMATION_DAYS } from '@/lib/signatures/sign-campaign';
import { captchaWidget } from '@/lib/captcha/verify-captcha';
import { signAction } from './actions';
import { SignForm, type SignedDocument } from './sign-form';

// Every reader of a language gets the same cached page, rendered again in the background at most
// every 5 seconds: that is how old the count and the latest signers may be. Organisers' changes
// refresh it at once (lib/campaigns/revalidate-letter-page.ts).
export const revalidate = 5;

/** None at build time: each letter is rendered on its first visit, then served from the cache. */
export function generateStaticParams(): { slug: string }[] {
  return [];
}

type Props = { params: Promise<{ locale: string; slug: string }> };

// generateMetadata and the page ask for the same campaign in one render: read it once.
const loadCampaign = cache(async (slug: string, locale: string) => {
  const campaign = await getPublicCampaign(slug);
  return campaign ? localiseCampaign(campaign, locale) : null;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, slug } = await params;
  if (!isLocale(locale)) return {};
  const campaign = await loadCampaign(slug, locale);
  if (!campaign) return {};
  const path = (language: string) => `/${language}/c/${encodeURIComponent(slug)}`;
  const languages = Object.fromEntries(locales.map((language) => [language, path(language)]));
  return {
    title: campaign.title,
    description: campaign.summary ?? undefined,
    alternates: { canonical: path(locale), languages: { ...languages, 'x-default': `/c/${encodeURIComponent(slug)}` } },
  };
}

export default async function CampaignPage({ params }: Props) {
  const { locale, slug } = await params;
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  const campaign = await loadCampaign(slug, locale);
  if (!campaign) notFound();

  const [t, signers, deliveries] = await Promise.all([getTranslations('public.campaign'), listPublicSignersBySlug(slug, 20), listPublicDeliveries(slug)]);
  const shown = campaign.shownLanguage;
  const letterDir = directionOf(shown);
  const originalLanguage = new Intl.DisplayNames([locale, 'en'], { type: 'language' }).of(campaign.language);
  const percent = campaign.goal ? Math.min(100, Math.floor((campaign.signatureCount / campaign.goal) * 100)) : 0;
  const documentKind: SignedDocument = campaign.kind === 'hrc-statement' ? 'statement' : campaign.kind;
  const counts = campaign.signatureCounts;
  const groups = counts.byKind.group;
  // Everyone but a group's members counts as one person.
  const groupPeople = Math.max(groups, counts.people - (counts.total - groups));
  const breakdown = [
    counts.paper > 0 ? t('sources', { online: counts.online, paper: counts.paper }) : null,
    groups > 0 ? t('groups', { groups, people: groupPeople }) : null,
  ].filter(Boolean);

  return (
    <div className="letter-layout">
      <article aria-labelledby="letter-title">
        <p className="hint" data-testid="document-kind">
          {campaign.hrcSession ? (
            <>
              {t('hrcStatement', { session: campaign.hrcSession.session })}
              {' · '}
              {t('hrcAgendaItem', { item: campaign.hrcSession.agendaItem })}
            </>
          ) : (
            t('documentKind', { kind: documentKind })
          )}
        </p>
        <div lang={shown} dir={letterDir}>
          <header className="letter-header">
            <h1 id="letter-title">{campaign.title}</h1>
            {campaign.summary ? <p className="summary">{campaign.summary}</p> : null}
          </header>
        </div>

        {campaign.acceptingSignatures ? (
          <p className="jump-to-sign">
            <a href="#sign" className="button">
              {t('signLink', { document: documentKind })}
            </a>
          </p>
        ) : null}

        {shown !== campaign.language ? (
          <p className="notice">{t('translatedFrom', { language: originalLanguage ?? campaign.language })}</p>
        ) : null}

        {campaign.addressees.length > 0 ? (
          <section aria-labelledby="addressees-heading">
            <h2 id="addressees-heading" className="hint">
              {t('addressedTo')}
            </h2>
            <ul className="addressees">
              {campaign.addressees.map((addressee, index) => (
                <li key={index} dir="auto">
                  <strong>{addressee.name}</strong>
                  {addressee.role ? <span className="addressee-line">{addressee.role}</span> : null}
                  {addressee.postalAddress ? <span className="addressee-line addressee-address">{addressee.postalAddress}</span> : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <section aria-labelledby="letter-heading" className="letter-paper">
          <h2 id="letter-heading" className="visually-hidden">
            {t('letter', { document: documentKind })}
          </h2>
          {/* react-markdown's defaults: raw HTML is not rendered and unsafe link protocols are dropped. */}
          <div className="letter" lang={shown} dir={letterDir}>
            <Markdown>{campaign.letter}</Markdown>
          </div>
        </section>

        {campaign.demands.length > 0 ? (
          <section className="section" aria-labelledby="demands-heading">
            <h2 id="demands-heading">{t('demands')}</h2>
            <ol lang={shown} dir={letterDir}>
              {campaign.demands.map((demand, index) => (
                <li key={index}>{demand}</li>
              ))}
            </ol>
          </section>
        ) : null}

        <p className="hint version-line" data-testid="letter-version">
          {t('version', { number: campaign.version.number })}{' '}
          <code className="fingerprint" title="SHA-256">
            {campaign.version.sha256.slice(0, 16)}…
          </code>{' '}
          <Link href={`/c/${campaign.slug}/versions?lang=${locale}`} prefetch={false}>
            {t('allVersions')}
          </Link>
        </p>

        {campaign.organisedBy ? (
          <section className="section" aria-labelledby="organisers-heading">
            <h2 id="organisers-heading">{t('organisedBy')}</h2>
            <p dir="auto">{campaign.organisedBy}</p>
          </section>
        ) : null}

        <DeliveryTimeline deliveries={deliveries} locale={locale} />

        <section className="section" aria-labelledby="signers-heading">
          <h2 id="signers-heading">{t('signersHeading')}</h2>
          <p className="hint">{t('signersNote')}</p>
          {signers.length === 0 ? (
            <p className="muted">{t('signersEmpty')}</p>
          ) : (
            <ol className="signers" data-testid="public-signers">
              {signers.map((signer, index) => (
                <li key={`${signer.confirmedAt}-${index}`} dir="auto">
                  <span className="signer-name">{signer.name}</span>
                  {signer.title ? `, ${signer.title}` : ''}
                  {signer.members !== undefined ? ` (${t('groupMembers', { count: signer.members })})` : ''}, {countryName(signer.country, locale)}
                </li>
              ))}
            </ol>
          )}
        </section>
      </article>

      <aside className="letter-aside" aria-label={t('signLink', { document: documentKind })}>
        <section className="card stats">
          <p className="stat-count">
            <span className="stat-number" data-testid="signature-count">
              {formatSignerNumber(campaign.signatureCount, locale)}
            </span>{' '}
            {t('signatures', { count: campaign.signatureCount })}
            {breakdown.length > 0 ? (
              <>
                {', '}
                <span data-testid="signature-breakdown">{breakdown.join(', ')}</span>
              </>
            ) : null}
          </p>
          {campaign.goal ? (
            <>
              <progress
                className="progress"
                max={campaign.goal}
                value={Math.min(campaign.signatureCount, campaign.goal)}
                aria-label={t('progress', { count: campaign.signatureCount, goal: campaign.goal })}
              >
                {percent}%
              </progress>
              <p className="hint">{t('goal', { goal: campaign.goal })}</p>
            </>
          ) : null}
          {campaign.deadline ? (
            <p className="hint">
              {t(campaign.acceptingSignatures ? 'deadline' : 'ended', { date: formatSignerDate(campaign.deadline, locale) })}
            </p>
          ) : null}
        </section>

        {campaign.acceptingSignatures ? (
          <SignForm
            action={signAction.bind(null, slug, locale)}
            permalink={`/${locale}/c/${encodeURIComponent(slug)}#sign`}
            countries={listCountries(locale)}
            consent={consentText(locale).text}
            confirmationDays={CONFIRMATION_DAYS}
            captcha={captchaWidget()}
            kinds={campaign.signerKinds}
            documentKind={documentKind}
          />
        ) : (
          <section className="notice notice-warning" role="status" aria-labelledby="closed-heading">
            <h2 id="closed-heading">{t('closed.heading')}</h2>
            <p>{t('closed.body')}</p>
          </section>
        )}

        <p className="hint">
          {t('withdrawIntro')}{' '}
          <Link href={`/c/${encodeURIComponent(slug)}/withdraw?lang=${locale}`} prefetch={false}>
            {t('withdrawLink')}
          </Link>
        </p>
      </aside>
    </div>
  );
}
