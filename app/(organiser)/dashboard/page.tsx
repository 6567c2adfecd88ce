import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { listOrganiserCampaigns } from '@/lib/campaigns/list-organiser-campaigns';
import { formatDate } from '@/lib/i18n/locales';
import { listWorkspaces } from '@/lib/workspaces/list-workspaces';
import { badgeClass, requireSignedIn } from './page-helpers';
import { WorkspaceForm } from './workspace-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('organiser.dashboard');
  return { title: t('title') };
}

export default async function DashboardPage() {
  const caller = await requireSignedIn();
  const [campaigns, workspaces, t, tw, status, format, locale] = await Promise.all([
    listOrganiserCampaigns(caller),
    listWorkspaces(caller),
    getTranslations('organiser.dashboard'),
    getTranslations('organiser.workspaces'),
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
                <th scope="col">{t('columns.workspace')}</th>
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
                  <td dir="auto">
                    {campaign.workspace.name}
                    {campaign.shared ? <span className="badge">{tw('sharedWithYou', { role: campaign.access })}</span> : null}
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

      <section className="card organiser-section" aria-labelledby="workspaces-heading">
        <h2 id="workspaces-heading">{tw('heading')}</h2>
        <p className="hint">{tw('explain')}</p>
        {workspaces.length ? (
          <ul data-testid="workspaces">
            {workspaces.map((workspace) => (
              <li key={workspace.id}>
                <Link href={`/dashboard/w/${workspace.id}`} dir="auto">
                  {workspace.name}
                </Link>{' '}
                <span className="muted">
                  {workspace.role ? tw(`roles.${workspace.role}`) : tw('adminAccess')} · {tw('memberCount', { count: workspace.members })}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{tw('none')}</p>
        )}
        <h3>{tw('newHeading')}</h3>
        <WorkspaceForm />
      </section>
    </>
  );
}
