import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { getOrganiserCampaign } from '@/lib/campaigns/list-organiser-campaigns';
import { listDeliveries } from '@/lib/deliveries/list-deliveries';
import { listCountries } from '@/lib/countries/country-codes';
import { formatDate } from '@/lib/i18n/locales';
import { allows } from '@/lib/workspaces/access';
import { orNotFound, requireSignedIn } from '../../../page-helpers';
import { deliverAction, responseAction } from './delivery-actions';
import { DeliveryForm } from './delivery-form';
import { ResponseForm } from './response-form';

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('organiser.deliveries');
  return { title: t('metaTitle') };
}

export default async function DeliveriesPage({ params }: Props) {
  const caller = await requireSignedIn();
  const { slug } = await params;
  const [campaign, deliveries] = await orNotFound(Promise.all([getOrganiserCampaign(caller, slug), listDeliveries(caller, slug)]));
  const [t, locale] = await Promise.all([getTranslations('organiser.deliveries'), getLocale()]);
  const today = new Date().toISOString().slice(0, 10);
  const formats = campaign.kind === 'hrc-statement' ? (['docx', 'pdf', 'xlsx', 'csv', 'json'] as const) : (['pdf', 'xlsx', 'csv', 'json'] as const);
  const api = `/api/v1/campaigns/${campaign.slug}/deliveries`;
  // Viewers read the timeline; making deliveries and downloading packets (signers' names) is for editors.
  const canEdit = allows(campaign.access, 'edit');

  return (
    <>
      <p>
        <Link href={`/dashboard/c/${campaign.slug}`}>← {campaign.title}</Link>
      </p>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>

      {canEdit && campaign.status !== 'draft' ? (
        <section className="card organiser-section" aria-labelledby="deliver-heading">
          <h2 id="deliver-heading">{t('formHeading')}</h2>
          {campaign.unreviewedCount > 0 ? (
            <p className="notice notice-warning">
              <Link href={`/dashboard/c/${campaign.slug}#review`}>{t('unreviewed', { count: campaign.unreviewedCount })}</Link>
            </p>
          ) : null}
          <DeliveryForm
            action={deliverAction.bind(null, campaign.slug)}
            addressees={campaign.addressees.map((a) => a.name)}
            formats={formats}
            kinds={campaign.signerKinds}
            countries={listCountries(locale)}
            hasPaper={campaign.signatureCounts.paper > 0}
            today={today}
            nonce={randomUUID()}
          />
        </section>
      ) : null}

      <section className="organiser-section" aria-labelledby="deliveries-heading">
        <h2 id="deliveries-heading">{t('listHeading')}</h2>
        {deliveries.length === 0 ? <p className="notice">{t('none')}</p> : null}
        {deliveries.map((delivery) => (
          <article key={delivery.id} className="card organiser-section" data-testid="delivery" data-delivery-id={delivery.id}>
            <h3 dir="auto">{t('to', { addressee: delivery.addressee.name })}</h3>
            <p>
              {t('on', { date: formatDate(delivery.deliveredAt, locale), channel: t(`channels.${delivery.channel}`) })} ·{' '}
              <span data-testid="delivery-count">{t('count', { count: delivery.signatureCount })}</span>
              {delivery.withdrawnSince ? ` · ${t('withdrawnSince', { count: delivery.withdrawnSince })}` : ''}
            </p>
            {delivery.note ? (
              <p className="hint" dir="auto">
                {delivery.note}
              </p>
            ) : null}
            <p className="hint">
              {t('fingerprint')}: <code className="fingerprint">{delivery.manifestSha256}</code>
            </p>
            <details>
              <summary>{t('files')}</summary>
              <ul>
                {delivery.files.map((file) => (
                  <li key={file.name}>
                    <code>{file.name}</code>, {file.bytes.toLocaleString(locale)} B, <code className="fingerprint">{file.sha256}</code>
                  </li>
                ))}
              </ul>
            </details>
            <p>
              {!canEdit ? null : delivery.packetAvailable ? (
                <a className="button-secondary" href={`${api}/${delivery.id}/packet`} download data-testid="packet-download">
                  {t('download', { size: `${(delivery.packetBytes / 1024 / 1024).toFixed(1)} MB` })}
                </a>
              ) : (
                <span className="hint">{t('erased')}</span>
              )}
            </p>
            <h4>{t('responses')}</h4>
            {delivery.responses.length ? (
              <ul data-testid="delivery-responses">
                {delivery.responses.map((response, i) => (
                  <li key={i}>
                    <strong>{t(`statuses.${response.status}`)}</strong>, {formatDate(response.receivedOn, locale)}
                    {response.text ? (
                      <span dir="auto" className="response-text">
                        {' '}
                        {response.text}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="hint">{t('noResponses')}</p>
            )}
            {canEdit ? (
              <details>
                <summary>{t('responseHeading')}</summary>
                <ResponseForm action={responseAction.bind(null, campaign.slug, delivery.id)} id={`response-${delivery.id}`} today={today} />
              </details>
            ) : null}
          </article>
        ))}
      </section>
    </>
  );
}
