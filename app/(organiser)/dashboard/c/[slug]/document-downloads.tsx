'use client';

import { useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { SignatoryFilterFields } from './signatory-filter-fields';

type Props = {
  /** The export address without the format: `/api/v1/campaigns/{slug}/exports`. */
  base: string;
  formats: { format: string; label: string }[];
  kinds: string[];
  countries: { code: string; name: string }[];
  hasPaper: boolean;
};

type Progress = { format: string; seconds: number; bytes: number } | null;

/**
 * The documents for the addressees, with their filters. Without JavaScript the form is a plain
 * GET to the export address and the browser saves the file; with it, the download shows its
 * progress (time and size so far), since a large PDF takes a while before its first byte.
 */
export function DocumentDownloads({ base, formats, kinds, countries, hasPaper }: Props) {
  const t = useTranslations('organiser.documents');
  const [progress, setProgress] = useState<Progress>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  async function download(event: React.MouseEvent<HTMLButtonElement>, format: string) {
    const form = formRef.current;
    if (!form || progress) return;
    event.preventDefault();
    setFailure(null);
    const query = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (typeof value === 'string' && value) query.set(key, value);
    const started = Date.now();
    const state = { format, seconds: 0, bytes: 0 };
    setProgress({ ...state });
    const timer = setInterval(() => setProgress({ ...state, seconds: Math.round((Date.now() - started) / 1000) }), 500);
    try {
      const response = await fetch(`${base}/${format}?${query}`);
      if (!response.ok || !response.body) {
        const body = await response.json().catch(() => null);
        setFailure(body?.error?.message ?? t('failed'));
        return;
      }
      const reader = response.body.getReader();
      const parts: Uint8Array[] = [];
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parts.push(value);
        state.bytes += value.byteLength;
      }
      const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? `document.${format}`;
      const url = URL.createObjectURL(new Blob(parts as BlobPart[], { type: response.headers.get('Content-Type') ?? undefined }));
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      setFailure(t('failed'));
    } finally {
      clearInterval(timer);
      setProgress(null);
    }
  }

  return (
    <form ref={formRef} method="get" action={`${base}/${formats[0].format}`} className="organiser-form" data-testid="documents-form">
      <SignatoryFilterFields idPrefix="doc" kinds={kinds} countries={countries} hasPaper={hasPaper} />
      <div className="button-row">
        {formats.map(({ format, label }) => (
          <button
            key={format}
            type="submit"
            formAction={`${base}/${format}`}
            className={format === formats[0].format ? 'button' : 'button-secondary'}
            disabled={progress !== null}
            onClick={(event) => download(event, format)}
            data-format={format}
          >
            {label}
          </button>
        ))}
      </div>
      <div aria-live="polite" data-testid="documents-status">
        {progress ? (
          <p className="notice" role="status">
            <progress className="progress" aria-label={t('preparing')} />{' '}
            {progress.bytes === 0
              ? t('preparingFor', { seconds: progress.seconds })
              : t('receiving', { seconds: progress.seconds, size: (progress.bytes / 1_000_000).toFixed(1) })}
          </p>
        ) : null}
        {failure ? (
          <p className="notice notice-error" role="alert">
            {failure}
          </p>
        ) : null}
      </div>
    </form>
  );
}
