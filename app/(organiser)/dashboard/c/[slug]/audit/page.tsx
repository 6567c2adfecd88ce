import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { listAuditEntries, type AuditEntryView } from '@/lib/audit/list-audit-entries';
import { getOrganiserCampaign } from '@/lib/campaigns/list-organiser-campaigns';
import { orNotFound, requireSignedIn } from '../../../page-helpers';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ page?: string | string[] }> };

const PER_PAGE = 50;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('organiser.audit');
  return { title: t('metaTitle') };
}

export default async function AuditPage({ params, searchParams }: Props) {
  const caller = await requireSignedIn();
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const asked = Number(Array.isArray(query.page) ? query.page[0] : query.page);
  const page = Number.isInteger(asked) && asked >= 1 && asked <= 100_000 ? asked : 1;
  const [campaign, entries] = await orNotFound(Promise.all([getOrganiserCampaign(caller, slug), listAuditEntries(caller, slug, { page, perPage: PER_PAGE })]));
  const [t, locale] = await Promise.all([getTranslations('organiser.audit'), getLocale()]);
  const when = new Intl.DateTimeFormat(`${locale}-u-ca-gregory-nu-latn`, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });
  const base = `/dashboard/c/${campaign.slug}/audit`;
  const actionLabel = (action: string) => {
    const key = `actions.${action.replace(/[.-](\w)/g, (_, letter: string) => letter.toUpperCase())}`;
    return t.has(key) ? t(key) : action;
  };

  return (
    <>
      <p>
        <Link href={`/dashboard/c/${campaign.slug}`}>← {campaign.title}</Link>
      </p>
      <h1>{t('title')}</h1>
      <p>{t('intro', { api: `/api/v1/campaigns/${campaign.slug}/audit` })}</p>

      <section className="organiser-section" aria-labelledby="audit-heading">
        <h2 id="audit-heading">{t('listHeading', { total: entries.total })}</h2>
        {entries.items.length === 0 ? (
          <p className="notice">{t('none')}</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="audit-list">
              <thead>
                <tr>
                  <th scope="col">{t('list.entry')}</th>
                  <th scope="col">{t('list.at')}</th>
                  <th scope="col">{t('list.actor')}</th>
                  <th scope="col">{t('list.action')}</th>
                  <th scope="col">{t('list.details')}</th>
                  <th scope="col">{t('list.hash')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.items.map((entry) => (
                  <tr key={entry.id}>
                    <td>{entry.id}</td>
                    <td>{when.format(new Date(entry.at))} UTC</td>
                    <td>{entry.actor.label ?? t(`actorKind.${entry.actor.kind}`)}</td>
                    <td>{actionLabel(entry.action)}</td>
                    <td>
                      <AuditDetailsList details={entry.details} />
                    </td>
                    <td>
                      <code className="organiser-hash" title={entry.hash}>
                        {entry.hash.slice(0, 16)}…
                      </code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {entries.pages > 1 ? (
          <nav className="organiser-links" aria-label={t('pagesLabel')}>
            {entries.page > 1 ? <Link href={`${base}?page=${entries.page - 1}`}>{t('newer')}</Link> : null}
            <span>{t('pageOf', { page: entries.page, pages: entries.pages })}</span>
            {entries.page < entries.pages ? <Link href={`${base}?page=${entries.page + 1}`}>{t('older')}</Link> : null}
          </nav>
        ) : null}
      </section>
    </>
  );
}

/** Details as the log holds them: ids, counts, filters and hashes, never a signer's name or address. */
function AuditDetailsList({ details }: { details: AuditEntryView['details'] }) {
  const items = Object.entries(details);
  if (items.length === 0) return <>—</>;
  return (
    <ul className="audit-details">
      {items.map(([key, value]) => (
        <li key={key}>
          <code>{key}</code>: <span dir="auto">{typeof value === 'string' ? value : JSON.stringify(value)}</span>
        </li>
      ))}
    </ul>
  );
}
