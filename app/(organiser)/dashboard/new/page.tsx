import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { createCampaignAction } from '../actions';
import { CampaignForm } from '../campaign-form';
import { campaignLanguageOptions, requireSignedIn } from '../page-helpers';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('organiser.form');
  return { title: t('newTitle') };
}

export default async function NewCampaignPage() {
  await requireSignedIn();
  const [t, locale] = await Promise.all([getTranslations('organiser.form'), getLocale()]);
  return (
    <>
      <h1>{t('newTitle')}</h1>
      <p>{t('newIntro')}</p>
      <CampaignForm
        mode="create"
        action={createCampaignAction}
        initial={{ kind: 'letter', signerKinds: ['individual'], language: locale }}
        languages={campaignLanguageOptions(locale)}
        cancelHref="/dashboard"
      />
    </>
  );
}
