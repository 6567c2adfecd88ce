import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PacketCheck } from './packet-check';
import { ReceiptCheck } from './receipt-check';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('verify');
  return { title: t('metaTitle') };
}

/** Both checks run in the reader's browser; the server only finds deliveries and publishes manifests. */
export default async function VerifyPage() {
  const t = await getTranslations('verify');
  return (
    <div className="narrow">
      <h1>{t('heading')}</h1>
      <p className="lead">{t('intro')}</p>
      <noscript>
        <div className="notice notice-warning" data-testid="verify-noscript">
          <h2>{t('noScript.heading')}</h2>
          <p>{t('noScript.body')}</p>
        </div>
      </noscript>
      <section className="section" aria-labelledby="receipt-heading">
        <h2 id="receipt-heading">{t('receipt.heading')}</h2>
        <p>{t('receipt.intro')}</p>
        <p className="hint">{t('receipt.privacy')}</p>
        <ReceiptCheck />
      </section>
      <section className="section" aria-labelledby="packet-heading">
        <h2 id="packet-heading">{t('packet.heading')}</h2>
        <p>{t('packet.intro')}</p>
        <PacketCheck />
      </section>
      <section className="section" aria-labelledby="how-heading">
        <h2 id="how-heading">{t('how.heading')}</h2>
        <p>{t('how.body')}</p>
      </section>
    </div>
  );
}
