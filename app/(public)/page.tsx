import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { localiseCampaign } from '@/lib/campaigns/campaign-views';
import { listPublicCampaigns } from '@/lib/campaigns/get-public-campaign';
import { directionOf, formatSignerDate, isolateIn } from '@/lib/i18n/locales';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const [t, locale, campaigns] = await Promise.all([getTranslations('public.home'), getLocale(), listPublicCampaigns()]);
  const shown = campaigns.map((campaign) => localiseCampaign(campaign, locale));

  return (
    <>
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <p className="narrow">{t('how')}</p>

      <section className="section" aria-labelledby="letters-heading">
        <h2 id="letters-heading">{t('listHeading')}</h2>
        {shown.length === 0 ? (
          <p className="muted">{t('empty')}</p>
        ) : (
          <ul className="card-list">
            {shown.map((campaign) => (
              <li key={campaign.slug}>
                <article className="card" lang={campaign.shownLanguage} dir={directionOf(campaign.shownLanguage)}>
                  <h3>
                    <Link href={`/c/${campaign.slug}`}>{campaign.title}</Link>
                  </h3>
                  {campaign.summary ? <p>{campaign.summary}</p> : null}
                  <p className="muted" lang={locale} dir={directionOf(locale)}>
                    <strong>{t('signatures', { count: campaign.signatureCount })}</strong>
                    {campaign.organisedBy ? <> · {t('organisedBy', { name: campaign.organisedBy })}</> : null}
                    {campaign.deadline ? <> · {t('until', { date: formatSignerDate(campaign.deadline, locale) })}</> : null}
                  </p>
                  <p lang={locale} dir={directionOf(locale)}>
                    <Link href={`/c/${campaign.slug}`} className="button-secondary">
                      {t('read', { title: isolateIn(locale, campaign.title) })}
                    </Link>
                  </p>
                </article>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
