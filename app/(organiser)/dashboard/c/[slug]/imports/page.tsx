import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { getOrganiserCampaign } from '@/lib/campaigns/list-organiser-campaigns';
import { formatDate } from '@/lib/i18n/locales';
import { listImports } from '@/lib/imports/list-imports';
import { IMPORT_COLUMNS } from '@/lib/schemas/signature-import';
import { allows } from '@/lib/workspaces/access';
import { orNotFound, requireSignedIn } from '../../../page-helpers';
import { importAction } from './import-actions';
import { ImportForm } from './import-form';

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('organiser.imports');
  return { title: t('metaTitle') };
}

export default async function ImportsPage({ params }: Props) {
  const caller = await requireSignedIn();
  const { slug } = await params;
  const [campaign, imports] = await orNotFound(Promise.all([getOrganiserCampaign(caller, slug), listImports(caller, slug)]));
  const [t, locale] = await Promise.all([getTranslations('organiser.imports'), getLocale()]);
  const apiPath = `/api/v1/campaigns/${campaign.slug}/imports`;

  return (
    <>
      <p>
        <Link href={`/dashboard/c/${campaign.slug}`}>← {campaign.title}</Link>
      </p>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>

      {allows(campaign.access, 'edit') ? (
        <section className="card organiser-section" aria-labelledby="import-heading">
          <h2 id="import-heading">{t('formHeading')}</h2>
          <p className="hint">{t('limits', { api: apiPath })}</p>
          <ImportForm action={importAction.bind(null, campaign.slug)} today={new Date().toISOString().slice(0, 10)} />
        </section>
      ) : null}

      <section className="card organiser-section" aria-labelledby="columns-heading">
        <h2 id="columns-heading">{t('columnsHeading')}</h2>
        <p>
          <code>{IMPORT_COLUMNS.join(',')}</code>
        </p>
        <ul>
          <li>{t('columnsRules.header')}</li>
          <li>{t('columnsRules.kinds')}</li>
          <li>{t('columnsRules.visibility')}</li>
          <li>{t('columnsRules.email')}</li>
          <li>{t('columnsRules.dates')}</li>
        </ul>
      </section>

      <section className="organiser-section" aria-labelledby="past-imports-heading">
        <h2 id="past-imports-heading">{t('listHeading')}</h2>
        {imports.length === 0 ? (
          <p className="notice">{t('none')}</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="imports-list">
              <thead>
                <tr>
                  <th scope="col">{t('list.collectedOn')}</th>
                  <th scope="col">{t('list.description')}</th>
                  <th scope="col">{t('list.collectedBy')}</th>
                  <th scope="col">{t('list.rows')}</th>
                  <th scope="col">{t('list.file')}</th>
                  <th scope="col">{t('list.importedBy')}</th>
                  <th scope="col">{t('list.importedAt')}</th>
                  <th scope="col">{t('list.sha256')}</th>
                </tr>
              </thead>
              <tbody>
                {imports.map((item) => (
                  <tr key={item.id}>
                    <td>{formatDate(item.collectedOn, locale)}</td>
                    <td dir="auto">{item.description}</td>
                    <td dir="auto">{item.collectedBy}</td>
                    <td>{item.rows}</td>
                    <td dir="auto">{item.fileName ?? '—'}</td>
                    <td>{item.importedBy ?? '—'}</td>
                    <td>{formatDate(item.createdAt, locale)}</td>
                    <td>
                      <code className="organiser-hash">{item.fileSha256}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
