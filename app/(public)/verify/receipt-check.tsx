'use client';

import { useCallback, useEffect, useState } from 'react';
import { useFormatter, useTranslations } from 'next-intl';
import { isWellFormedReceipt } from '@/lib/deliveries/commitment';
import { verifyReceiptProof, type ReceiptDelivery, type ReceiptProofCheck } from '@/lib/verification/verify-receipt-proof';
import styles from './verify.module.css';

type Outcome =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'error'; message: 'malformed' | 'networkError' | 'rateLimited' | 'serverError' }
  | { state: 'done'; results: { delivery: ReceiptDelivery; check: ReceiptProofCheck }[] };

const CHANNELS = ['email', 'post', 'portal', 'in-person'];
const RECEIPT_FRAGMENT = /^#receipt=(.*)$/;

/**
 * Looks the receipt up, then checks every proof in the browser: the server's word is not taken
 * for the commitment, the manifest's fingerprint or the inclusion.
 */
export function ReceiptCheck() {
  const t = useTranslations('verify');
  const format = useFormatter();
  const [receipt, setReceipt] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });

  const check = useCallback(async (value: string) => {
    const candidate = value.trim();
    if (!isWellFormedReceipt(candidate)) {
      setOutcome({ state: 'error', message: 'malformed' });
      return;
    }
    setOutcome({ state: 'checking' });
    let response: Response;
    try {
      response = await fetch('/api/v1/verify/receipt', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ receipt: candidate }),
      });
    } catch {
      setOutcome({ state: 'error', message: 'networkError' });
      return;
    }
    if (response.status === 429) return setOutcome({ state: 'error', message: 'rateLimited' });
    if (response.status === 400 || response.status === 422) return setOutcome({ state: 'error', message: 'malformed' });
    if (!response.ok) return setOutcome({ state: 'error', message: 'serverError' });
    const body = (await response.json().catch(() => null)) as { deliveries?: ReceiptDelivery[] } | null;
    if (!body || !Array.isArray(body.deliveries)) return setOutcome({ state: 'error', message: 'serverError' });
    setOutcome({ state: 'done', results: body.deliveries.map((delivery) => ({ delivery, check: verifyReceiptProof(candidate, delivery) })) });
  }, []);

  // A link from the receipt mail carries the receipt in the fragment, which never reaches a server;
  // it is taken out of the address at once so it stays out of the history and of shared screens.
  useEffect(() => {
    const match = RECEIPT_FRAGMENT.exec(window.location.hash);
    if (!match) return;
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    let value = match[1];
    try {
      value = decodeURIComponent(value);
    } catch {
      // left as it is; the format check says what is wrong
    }
    setReceipt(value);
    void check(value);
  }, [check]);

  const channel = (name: string) => (CHANNELS.includes(name) ? t(`channels.${name}`) : name);
  const date = (day: string) => {
    const parsed = new Date(`${day}T00:00:00Z`);
    return Number.isNaN(parsed.getTime()) ? day : format.dateTime(parsed, { dateStyle: 'long', timeZone: 'UTC' });
  };

  return (
    <div>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void check(receipt);
        }}
        noValidate
      >
        <div className="field">
          <label htmlFor="receipt">{t('receipt.label')}</label>
          <input
            id="receipt"
            name="receipt"
            type="text"
            value={receipt}
            onChange={(event) => setReceipt(event.target.value)}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            className={styles.hash}
            aria-invalid={outcome.state === 'error' && outcome.message === 'malformed' ? true : undefined}
            aria-describedby={outcome.state === 'error' ? 'receipt-error' : undefined}
          />
        </div>
        <button type="submit" className="button" disabled={outcome.state === 'checking'}>
          {outcome.state === 'checking' ? t('receipt.checking') : t('receipt.submit')}
        </button>
      </form>
      <div aria-live="polite" className="section" data-testid="receipt-result">
        {outcome.state === 'error' ? (
          <p id="receipt-error" className="notice notice-error" role="alert">
            {t(`receipt.${outcome.message}`)}
          </p>
        ) : null}
        {outcome.state === 'done' && outcome.results.length === 0 ? <p className="notice">{t('receipt.none')}</p> : null}
        {outcome.state === 'done' && outcome.results.length > 0 ? (
          <>
            <p>{t('receipt.found', { count: outcome.results.length })}</p>
            <ul className="card-list">
              {outcome.results.map(({ delivery, check: proof }) => (
                <li key={delivery.id} className={`notice ${proof.ok ? 'notice-success' : 'notice-error'}`} data-testid="receipt-delivery" data-valid={proof.ok}>
                  <p>
                    <strong>{t('receipt.to', { addressee: delivery.addressee })}</strong>
                    <br />
                    {t('receipt.details', { date: date(delivery.deliveredOn), channel: channel(delivery.channel), title: delivery.campaign.title })}
                  </p>
                  {proof.ok ? (
                    <p>
                      <span className="badge badge-success">✓ {t('receipt.checked')}</span>
                    </p>
                  ) : (
                    <>
                      <p>
                        <span className="badge badge-error">✗ {t('receipt.notChecked')}</span>
                      </p>
                      <p>{t('receipt.notCheckedBody')}</p>
                      <ul>
                        {proof.failures.map((failure) => (
                          <li key={failure}>{t(`receipt.failures.${failure}`)}</li>
                        ))}
                      </ul>
                    </>
                  )}
                  <p className={`hint ${styles.hash}`}>{t('receipt.manifest', { hash: delivery.manifestSha256 })}</p>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </div>
  );
}
