import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { listWorkspaces } from '@/lib/workspaces/list-workspaces';
import { createCampaignAction } from '../actions';
import { CampaignForm } from '../campaign-form';
import { campaignLanguageOptions, requireSignedIn } from '../page-helpers';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('organiser.form');
  return { title: t('newTitle') };
}

export default async function NewCampaignPage() {
  const caller = await requireSignedIn();
  const [t, locale, workspaces] = await Promise.all([getTranslations('organiser.form'), getLocale(), listWorkspaces(caller)]);
  // Where the organiser may create: the workspaces where they edit (administrators: all of them).
  const editable = workspaces.filter((workspace) => workspace.access !== 'view');
  return (
    <>
      <h1>{t('newTitle')}</h1>
      <p>{t('newIntro')}</p>
      {editable.length === 0 ? <p className="hint">{t('firstWorkspace')}</p> : null}
      <CampaignForm
        mode="create"
        action={createCampaignAction}
        initial={{ kind: 'letter', signerKinds: ['individual'], language: locale }}
        languages={campaignLanguageOptions(locale)}
        cancelHref="/dashboard"
        workspaces={editable.map(({ id, name }) => ({ id, name }))}
      />
    </>
  );
}
