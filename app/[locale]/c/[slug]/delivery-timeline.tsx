import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { PublicDelivery } from '@/lib/deliveries/list-deliveries';
import { formatSignerDate } from '@/lib/i18n/locales';

/** The public record of every delivery: to whom, when, how, how many, and the manifest's fingerprint. */
export async function DeliveryTimeline({ deliveries, locale }: { deliveries: PublicDelivery[]; locale: string }) {
  if (deliveries.length === 0) return null;
  const t = await getTranslations('public.campaign.deliveries');
  return (
    <section id="deliveries" className="section" aria-labelledby="deliveries-heading">
      <h2 id="deliveries-heading">{t('heading')}</h2>
      <p className="hint">{t('intro')}</p>
      <ol className="timeline" data-testid="delivery-timeline">
        {deliveries.map((delivery) => (
          <li key={delivery.id} data-delivery-id={delivery.id}>
            <p>
              <strong dir="auto">{t('delivered', { addressee: delivery.addressee, date: formatSignerDate(delivery.deliveredAt, locale) })}</strong>{' '}
              {t(`channel.${delivery.channel}`)}
            </p>
            <p>{t('signatures', { count: delivery.signatureCount, version: delivery.letterVersion })}</p>
            {delivery.withdrawnSince > 0 ? <p className="hint">{t('withdrawnSince', { count: delivery.withdrawnSince })}</p> : null}
            <p className="hint">
              {t('fingerprint')}:{' '}
              <code className="fingerprint" data-testid="manifest-sha256">
                {delivery.manifestSha256}
              </code>
            </p>
            {delivery.responses.length ? (
              <ul className="responses">
                {delivery.responses.map((response, i) => (
                  <li key={i}>
                    <strong>{t('response', { status: response.status, date: formatSignerDate(response.receivedOn, locale) })}</strong>
                    {response.text ? (
                      <blockquote dir="auto" className="response-text">
                        {response.text}
                      </blockquote>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
      <p>
        <Link href={`/verify?lang=${locale}`} prefetch={false}>
          {t('verifyLink')}
        </Link>
      </p>
    </section>
  );
}
