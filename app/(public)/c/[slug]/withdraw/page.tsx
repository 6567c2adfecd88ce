import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { getPublicCampaign } from '@/lib/campaigns/get-public-campaign';
import { localiseCampaign } from '@/lib/campaigns/campaign-views';
import { isolateIn } from '@/lib/i18n/locales';
import { requestWithdrawalAction } from './actions';
import { EmailRequestForm } from '../../../email-request-form';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('withdraw');
  return { title: t('metaTitle'), robots: { index: false } };
}

export default async function WithdrawRequestPage({ params }: Props) {
  const [{ slug }, locale, t] = await Promise.all([params, getLocale(), getTranslations('withdraw.request')]);
  const found = await getPublicCampaign(slug);
  if (!found) notFound();
  const campaign = localiseCampaign(found, locale);
  return (
    <div className="narrow">
      <h1>{t('heading')}</h1>
      <p>{t('intro', { title: isolateIn(locale, campaign.title) })}</p>
      <EmailRequestForm action={requestWithdrawalAction.bind(null, slug)} permalink={`/c/${encodeURIComponent(slug)}/withdraw`} messages="withdraw.request" id="withdraw" />
      <p className="section">
        <Link href={`/c/${slug}`}>{t('back')}</Link>
      </p>
    </div>
  );
}
