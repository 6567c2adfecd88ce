import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import Markdown from 'react-markdown';
import { listVersions } from '@/lib/campaigns/list-versions';
import { formatSignerDate, isolateIn } from '@/lib/i18n/locales';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('versions');
  return { title: t('metaTitle') };
}

/** Every version of the signed text, newest first, each with its fingerprint. */
export default async function VersionsPage({ params }: Props) {
  const [{ slug }, locale, t] = await Promise.all([params, getLocale(), getTranslations('versions')]);
  const found = await listVersions(slug);
  if (!found) notFound();
  const versions = [...found.versions].reverse();
  return (
    <div className="narrow">
      <h1>{t('heading', { title: isolateIn(locale, versions[0]?.title ?? '') })}</h1>
      <p>{t('intro')}</p>
      {versions.map((version) => (
        <section key={version.number} className="card section" aria-labelledby={`version-${version.number}`} data-testid="letter-version">
          <h2 id={`version-${version.number}`}>
            {t('version', { number: version.number })}
            {version.number === found.current ? <span className="badge">{t('current')}</span> : null}
          </h2>
          <p className="hint">
            {t('published', { date: formatSignerDate(version.createdAt, locale) })} · {t('signatures', { count: version.signatures })}
          </p>
          <p className="hint">
            {t('fingerprint')} <code className="fingerprint">{version.sha256}</code>
          </p>
          <h3 dir="auto">{version.title}</h3>
          {version.addressees.length ? (
            <>
              <h4>{t('addressedTo')}</h4>
              <ul>
                {version.addressees.map((addressee, index) => (
                  <li key={index} dir="auto">
                    {[addressee.name, addressee.role].filter(Boolean).join(', ')}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <div className="letter" dir="auto">
            {/* react-markdown's defaults: raw HTML is not rendered and unsafe link protocols are dropped. */}
            <Markdown>{version.letter}</Markdown>
          </div>
          {version.demands.length ? (
            <>
              <h4>{t('demands')}</h4>
              <ol>
                {version.demands.map((demand, index) => (
                  <li key={index} dir="auto">
                    {demand}
                  </li>
                ))}
              </ol>
            </>
          ) : null}
        </section>
      ))}
      <p className="section">
        <Link href={`/c/${slug}`}>{t('back')}</Link>
      </p>
    </div>
  );
}
