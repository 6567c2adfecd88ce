import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { allows } from '@/lib/workspaces/access';
import type { HrcStatementDetails } from '@/db/schema/campaigns';
import { getOrganiserCampaign } from '@/lib/campaigns/list-organiser-campaigns';
import { updateCampaignAction } from '../../../actions';
import { CampaignForm } from '../../../campaign-form';
import { DeleteCampaignForm } from './delete-campaign-form';
import type { HrcValues } from '@/lib/http/read-campaign-form';
import { campaignLanguageOptions, orNotFound, requireSignedIn } from '../../../page-helpers';

type Props = { params: Promise<{ slug: string }> };

function hrcValues(hrc: HrcStatementDetails): HrcValues {
  return {
    session: String(hrc.session),
    agendaItem: String(hrc.agendaItem),
    sessionStartsOn: hrc.sessionStartsOn,
    'submitter.name': hrc.submitter.name,
    'submitter.ecosocStatus': hrc.submitter.ecosocStatus,
    'contact.name': hrc.contact.name,
    'contact.email': hrc.contact.email,
    'contact.phone': hrc.contact.phone ?? '',
  };
}

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('organiser.form');
  return { title: t('editMetaTitle') };
}

export default async function EditCampaignPage({ params }: Props) {
  const caller = await requireSignedIn();
  const { slug } = await params;
  const campaign = await orNotFound(getOrganiserCampaign(caller, slug));
  // A viewer has nothing to do here (and updateCampaign would refuse them anyway).
  if (!allows(campaign.access, 'edit')) notFound();
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
          kind: campaign.kind,
          slug: campaign.slug,
          title: campaign.title,
          summary: campaign.summary ?? '',
          letter: campaign.letter,
          demands: campaign.demands.join('\n'),
          addressees: campaign.addressees.map((addressee) => ({
            name: addressee.name,
            role: addressee.role ?? '',
            postalAddress: addressee.postalAddress ?? '',
            email: addressee.email ?? '',
          })),
          place: campaign.place ?? '',
          organisedBy: campaign.organisedBy ?? '',
          signerKinds: campaign.signerKinds,
          goal: campaign.goal === null ? '' : String(campaign.goal),
          deadline: campaign.deadline ?? '',
          language: campaign.language,
          hrc: campaign.hrc ? hrcValues(campaign.hrc) : undefined,
        }}
        languages={campaignLanguageOptions(locale)}
        locked={{ slug: campaign.status !== 'draft' }}
        version={{
          number: campaign.version.number,
          signatures: campaign.signatureCount + campaign.pendingCount + campaign.heldCount,
          public: campaign.status !== 'draft',
        }}
        cancelHref={manage}
      />
      {campaign.access === 'own' ? <DeleteCampaignForm slug={campaign.slug} /> : null}
    </>
  );
}
