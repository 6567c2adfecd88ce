import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { listOrganisers } from '@/lib/auth/invite-organiser';
import { formatDate } from '@/lib/i18n/locales';
import { orNotFound, requireSignedIn } from '../page-helpers';
import { InviteForm } from './invite-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('organiser.organisers');
  return { title: t('title') };
}

/** Administrators only: lib/ answers anyone else with not_found, shown as a 404. */
export default async function OrganisersPage() {
  const caller = await requireSignedIn();
  const organisers = await orNotFound(listOrganisers(caller));
  const [t, locale] = await Promise.all([getTranslations('organiser.organisers'), getLocale()]);
  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <section className="card organiser-section" aria-labelledby="invite-heading">
        <h2 id="invite-heading">{t('inviteHeading')}</h2>
        <InviteForm />
      </section>
      <section className="organiser-section" aria-labelledby="list-heading">
        <h2 id="list-heading">{t('listHeading')}</h2>
        {organisers.length === 0 ? (
          <p>{t('empty')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('columns.email')}</th>
                <th scope="col">{t('columns.invited')}</th>
              </tr>
            </thead>
            <tbody>
              {organisers.map((organiser) => (
                <tr key={organiser.email}>
                  <td>{organiser.email}</td>
                  <td>{formatDate(organiser.createdAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="hint">{t('adminsNote')}</p>
      </section>
    </>
  );
}
