import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { EmailRequestForm } from '../email-request-form';
import { requestSignerDataAction } from './actions';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('myData');
  return { title: t('metaTitle'), robots: { index: false } };
}

/** Anyone can ask what we hold about their address; the answer goes to that address only. */
export default async function MyDataPage() {
  const t = await getTranslations('myData.request');
  return (
    <div className="narrow">
      <h1>{t('heading')}</h1>
      <p>{t('intro')}</p>
      <EmailRequestForm action={requestSignerDataAction} permalink="/my-data" messages="myData.request" id="my-data" />
      <p className="hint">{t('withdrawHint')}</p>
    </div>
  );
}
