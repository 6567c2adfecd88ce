import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { listOrganiserCampaigns } from '@/lib/campaigns/list-organiser-campaigns';
import { formatDate } from '@/lib/i18n/locales';
import { badgeClass, requireSignedIn } from './page-helpers';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('organiser.dashboard');
  return { title: t('title') };
}

export default async function DashboardPage() {
  const caller = await requireSignedIn();
  const [campaigns, t, status, format, locale] = await Promise.all([
    listOrganiserCampaigns(caller),
    getTranslations('organiser.dashboard'),
    getTranslations('organiser.status'),
    getFormatter(),
    getLocale(),
  ]);
  return (
    <>
      <div className="organiser-title-row">
        <h1>{t('title')}</h1>
        <Link href="/dashboard/new" className="button">
          {t('newCampaign')}
        </Link>
      </div>
      {campaigns.length === 0 ? (
        <p className="card">{t('empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('columns.title')}</th>
                <th scope="col">{t('columns.status')}</th>
                <th scope="col" className="numeric">
                  {t('columns.confirmed')}
                </th>
                <th scope="col" className="numeric">
                  {t('columns.pending')}
                </th>
                <th scope="col" className="numeric">
                  {t('columns.goal')}
                </th>
                <th scope="col">{t('columns.deadline')}</th>
                <th scope="col">{t('columns.links')}</th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((campaign) => (
                <tr key={campaign.id}>
                  <td>
                    <Link href={`/dashboard/c/${campaign.slug}`}>{campaign.title}</Link>
                  </td>
                  <td>
                    <span className={badgeClass(campaign.status)}>{status(campaign.status)}</span>
                  </td>
                  <td className="numeric">{format.number(campaign.signatureCount)}</td>
                  <td className="numeric">{format.number(campaign.pendingCount)}</td>
                  <td className="numeric">{campaign.goal === null ? t('none') : format.number(campaign.goal)}</td>
                  <td>{campaign.deadline ? formatDate(campaign.deadline, locale) : t('none')}</td>
                  <td className="organiser-links">
                    <Link href={`/dashboard/c/${campaign.slug}`}>{t('manage')}</Link>
                    {campaign.status === 'draft' ? null : <Link href={`/c/${campaign.slug}`}>{t('publicPage')}</Link>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
