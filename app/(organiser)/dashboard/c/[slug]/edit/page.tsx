import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { getOrganiserCampaign } from '@/lib/campaigns/list-organiser-campaigns';
import { updateCampaignAction } from '../../../actions';
import { CampaignForm } from '../../../campaign-form';
import { campaignLanguageOptions, orNotFound, requireSignedIn } from '../../../page-helpers';

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('organiser.form');
  return { title: t('editMetaTitle') };
}

export default async function EditCampaignPage({ params }: Props) {
  const caller = await requireSignedIn();
  const { slug } = await params;
  const campaign = await orNotFound(getOrganiserCampaign(caller, slug));
  const [t, locale] = await Promise.all([getTranslations('organiser.form'), getLocale()]);
  const manage = `/dashboard/c/${campaign.slug}`;
  return (
    <>
      <p>
        <Link href={manage}>← {campaign.title}</Link>
      </p>
      <h1>{t('editTitle')}</h1>
      <CampaignForm
        mode="edit"
        action={updateCampaignAction.bind(null, campaign.slug)}
        initial={{
          slug: campaign.slug,
          title: campaign.title,
          summary: campaign.summary ?? '',
          letter: campaign.letter,
          addressees: campaign.addressees.join('\n'),
          demands: campaign.demands.join('\n'),
          organisedBy: campaign.organisedBy ?? '',
          goal: campaign.goal === null ? '' : String(campaign.goal),
          deadline: campaign.deadline ?? '',
          language: campaign.language,
        }}
        languages={campaignLanguageOptions(locale)}
        locked={{ slug: campaign.status !== 'draft', text: campaign.signatureCount + campaign.pendingCount > 0 }}
        cancelHref={manage}
      />
    </>
  );
}
