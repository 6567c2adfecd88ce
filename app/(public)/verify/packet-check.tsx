'use client';

import { useState } from 'react';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import {
  NOT_PUBLISHED,
  PacketRefused,
  PUBLISHED_DIFFERS,
  verifyPacket,
  type PacketCheck as Check,
  type PacketFileCheck,
  type PacketProblem,
  type PacketRefusal,
} from '@/lib/verification/verify-packet';
import styles from './verify.module.css';

type Published = { id: string; manifestSha256: string; addressee?: unknown; deliveredOn?: unknown; channel?: unknown };

type Outcome =
  | { state: 'idle' }
  | { state: 'checking'; name: string }
  | { state: 'refused'; reason: PacketRefusal }
  | { state: 'unreadable' }
  | { state: 'done'; check: Check; problems: PacketProblem[]; lookupFailed: boolean };

/** A packet file may be large; beyond this it is no packet, and reading it would only strain the tab. */
const MAX_FILE_BYTES = 512 * 1024 * 1024;
const CHANNELS = ['email', 'post', 'portal', 'in-person'];
const TALLIES = ['byKind', 'byCountry', 'bySource', 'byVisibility'] as const;

/**
 * Opens a packet in the browser (nothing is uploaded), checks it with the same verifyPacket as
 * the API, then compares its manifest's hash with the one the campaign's timeline publishes.
 */
export function PacketCheck() {
  const t = useTranslations('verify');
  const format = useFormatter();
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });
  const [dragging, setDragging] = useState(false);

  async function checkFile(file: File) {
    setOutcome({ state: 'checking', name: file.name });
    if (file.size > MAX_FILE_BYTES) return setOutcome({ state: 'refused', reason: 'too-large' });
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch {
      return setOutcome({ state: 'unreadable' });
    }
    // The check is synchronous: let "Checking…" paint first.
    await new Promise((resolve) => setTimeout(resolve, 50));
    let check: Check;
    try {
      check = verifyPacket(bytes);
    } catch (error) {
      if (error instanceof PacketRefused) return setOutcome({ state: 'refused', reason: error.reason });
      return setOutcome({ state: 'unreadable' });
    }
    const problems = [...check.problems];
    let lookupFailed = false;
    if (check.manifest) {
      const published = await findPublished(check.manifest.campaign.slug, check.manifest.delivery.id);
      if (published === 'failed') lookupFailed = true;
      else if (!published) problems.push(NOT_PUBLISHED);
      else if (published.manifestSha256 !== check.manifestSha256) problems.push(PUBLISHED_DIFFERS);
    }
    setOutcome({ state: 'done', check, problems, lookupFailed });
  }

  const channel = (name: string) => (CHANNELS.includes(name) ? t(`channels.${name}`) : name);
  const date = (day: string) => format.dateTime(new Date(`${day}T00:00:00Z`), { dateStyle: 'long', timeZone: 'UTC' });

  return (
    <div>
      <label
        className={`${styles.dropZone} ${dragging ? styles.dragging : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          const file = event.dataTransfer.files[0];
          if (file) void checkFile(file);
        }}
      >
        <strong>{t('packet.drop')}</strong>
        <br />
        <span className="button-secondary">{t('packet.choose')}</span>
        <input
          type="file"
          accept=".zip,application/zip"
          className="visually-hidden"
          data-testid="packet-input"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void checkFile(file);
          }}
        />
      </label>
      <div aria-live="polite" className="section">
        {outcome.state === 'checking' ? <p role="status">{t('packet.checking', { name: outcome.name })}</p> : null}
        {outcome.state === 'unreadable' ? (
          <p className="notice notice-error" role="alert">
            {t('packet.readError')}
          </p>
        ) : null}
        {outcome.state === 'refused' ? (
          <div className="notice notice-error" data-testid="packet-verdict" data-valid="false" data-refused={outcome.reason}>
            <h3>{t('packet.refused')}</h3>
            <p>{t(`packet.refusedReasons.${outcome.reason}`)}</p>
          </div>
        ) : null}
        {outcome.state === 'done' ? <Report outcome={outcome} channel={channel} date={date} /> : null}
      </div>
    </div>
  );
}

function Report({
  outcome,
  channel,
  date,
}: {
  outcome: Extract<Outcome, { state: 'done' }>;
  channel: (name: string) => string;
  date: (day: string) => string;
}) {
  const t = useTranslations('verify.packet');
  const locale = useLocale();
  // The manifest's keys, in the reader's words; a key this page does not know is shown as it is.
  const tallyLabel = (field: (typeof TALLIES)[number], key: string): string => {
    if (field === 'byCountry') {
      if (key === 'withheld') return t('tallies.withheld');
      return /^[A-Z]{2}$/.test(key) ? (new Intl.DisplayNames([locale, 'en'], { type: 'region' }).of(key) ?? key) : key;
    }
    const path = `tallies.${key}`;
    return t.has(path as never) ? t(path as never) : key;
  };
  const { check, problems, lookupFailed } = outcome;
  const valid = problems.length === 0 && !lookupFailed;
  const manifest = check.manifest;
  return (
    <>
      <div className={`notice ${valid ? 'notice-success' : 'notice-error'}`} data-testid="packet-verdict" data-valid={String(valid)}>
        <h3>{valid ? `✓ ${t('valid')}` : `✗ ${t('invalid')}`}</h3>
        <p>{valid ? t('validBody') : t('invalidBody')}</p>
        {manifest ? (
          <p>
            {t('delivery', {
              addressee: manifest.addressee.name,
              date: date(manifest.delivery.deliveredOn),
              channel: channel(manifest.channel),
              title: manifest.campaign.title,
            })}
          </p>
        ) : null}
        {check.manifestSha256 ? <p className={`hint ${styles.hash}`}>{t('manifestHash', { hash: check.manifestSha256 })}</p> : null}
      </div>
      {lookupFailed ? <p className="notice notice-warning">{t('lookupFailed')}</p> : null}
      {problems.length > 0 ? (
        <section className="section">
          <h3>{t('problems')}</h3>
          <ul data-testid="packet-problems">
            {problems.map((problem, i) => (
              <li key={i}>{t(`problem.${problem.code}`, problem.values ?? {})}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="section">
        <h3>{t('files')}</h3>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('file')}</th>
                <th scope="col" className="numeric">
                  {t('bytes')}
                </th>
                <th scope="col">{t('sha256')}</th>
                <th scope="col">{t('result')}</th>
              </tr>
            </thead>
            <tbody>
              {check.files.map((file) => (
                <tr key={file.name} data-testid="packet-file" data-ok={String(file.ok)}>
                  <th scope="row">{file.name}</th>
                  <td className="numeric">{(file.actual ?? file.expected)?.bytes}</td>
                  <td className={styles.hash}>{(file.actual ?? file.expected)?.sha256}</td>
                  <td>
                    <FileBadge file={file} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {manifest ? (
        <section className="section">
          <h3>{t('counts')}</h3>
          <p>
            {t('total')}: <strong>{manifest.counts.total}</strong>
          </p>
          <dl>
            {TALLIES.map((field) => (
              <div key={field}>
                <dt>{t(field)}</dt>
                <dd>
                  {Object.entries(manifest.counts[field])
                    .map(([key, n]) => `${tallyLabel(field, key)}: ${n}`)
                    .join(', ') || '—'}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      {check.signatureRoot ? (
        <section className="section">
          <h3>
            {t('root')} <span className={`badge ${check.signatureRoot.ok ? 'badge-success' : 'badge-error'}`}>{check.signatureRoot.ok ? t('match') : t('mismatch')}</span>
          </h3>
          <p className={styles.hash}>{t('rootExpected', { hash: check.signatureRoot.expected })}</p>
          <p className={styles.hash}>{t('rootActual', { hash: check.signatureRoot.actual })}</p>
        </section>
      ) : null}
    </>
  );
}

function FileBadge({ file }: { file: PacketFileCheck }) {
  const t = useTranslations('verify.packet');
  if (file.ok) return <span className="badge badge-success">✓ {t('match')}</span>;
  if (!file.expected) return <span className="badge badge-warning">{t('unlisted')}</span>;
  if (!file.actual) return <span className="badge badge-error">{t('missing')}</span>;
  return <span className="badge badge-error">✗ {t('mismatch')}</span>;
}

/** The delivery as the campaign's public timeline lists it; 'failed' when the timeline could not be read. */
async function findPublished(slug: string, id: string): Promise<Published | null | 'failed'> {
  try {
    const response = await fetch(`/api/v1/campaigns/${encodeURIComponent(slug)}`, { cache: 'no-store' });
    if (response.status === 404) return null;
    if (!response.ok) return 'failed';
    const body = (await response.json()) as { deliveries?: Published[] };
    if (!Array.isArray(body.deliveries)) return 'failed';
    return body.deliveries.find((d) => d.id.toLowerCase() === id.toLowerCase()) ?? null;
  } catch {
    return 'failed';
  }
}
