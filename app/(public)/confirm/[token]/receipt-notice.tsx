'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { isWellFormedReceipt } from '@/lib/deliveries/commitment';

/**
 * Shows the signer's receipt once. It arrives in the address's fragment (never sent to a
 * server) and is dropped from the address at once, so a reload or the history does not keep it.
 */
export function ReceiptNotice() {
  const t = useTranslations('public.confirm.receipt');
  const [receipt, setReceipt] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    const take = () => {
      const found = new URLSearchParams(window.location.hash.slice(1)).get('receipt');
      if (!found) return false;
      history.replaceState(history.state, '', window.location.pathname);
      if (isWellFormedReceipt(found)) setReceipt(found);
      return true;
    };
    // After the confirm button the router may write the new address just after this mounts.
    if (take()) return;
    const later = setTimeout(take, 150);
    return () => clearTimeout(later);
  }, []);

  return (
    <section className="card section" aria-labelledby="receipt-heading">
      <h2 id="receipt-heading">{t('heading')}</h2>
      {receipt ? (
        <>
          <p>{t('body')}</p>
          <p>
            <code className="receipt" data-testid="receipt">
              {receipt}
            </code>
          </p>
          <p>
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                void navigator.clipboard?.writeText(receipt).then(() => setCopied(true));
              }}
            >
              {copied ? t('copied') : t('copy')}
            </button>{' '}
            <a href={`/verify#receipt=${receipt}`}>{t('check')}</a>
          </p>
          <p className="hint">{t('once')}</p>
        </>
      ) : null}
      <p className="muted">{t('mailed')}</p>
    </section>
  );
}
