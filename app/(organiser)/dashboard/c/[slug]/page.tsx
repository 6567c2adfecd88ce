import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { getOrganiserCampaign } from '@/lib/campaigns/list-organiser-campaigns';
import { countryName, listCountries } from '@/lib/countries/country-codes';
import { directionOf, formatDate } from '@/lib/i18n/locales';
import { getMailHealth } from '@/lib/mail/mail-health';
import { findConsentTexts, PAPER_CONSENT_VERSION } from '@/lib/privacy/find-consent-text';
import { listSignatures, type SignatureListItem } from '@/lib/signatures/list-signatures';
import { listReviewQueue } from '@/lib/signatures/review-signature';
import { listCampaignShares } from '@/lib/campaigns/share-campaign';
import { allows } from '@/lib/workspaces/access';
import { closeCampaignAction, publishCampaignAction } from '../../actions';
import { badgeClass, orNotFound, requireSignedIn } from '../../page-helpers';
import { getRetention } from '@/lib/privacy/get-retention';
import { DocumentDownloads } from './document-downloads';
import { RetentionPanel } from './retention-panel';
import { InvalidationForm } from './invalidation-form';
import { reviewAction } from './review-actions';
import { ReviewItem } from './review-item';
import { revealEmailAction } from './reveal-actions';
import { RevealEmail } from './reveal-email';
import { SharingForm } from './sharing-form';
import { shareCampaignAction, unshareCampaignAction } from './sharing-actions';
import { hideNameAction, includeHeldAction, invalidateAction, retryFailedMailAction, showNameAction } from './moderation-actions';

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const PER_PAGE = 50;
const statusFilters = ['all', 'pending', 'confirmed', 'unreviewed', 'rejected', 'held', 'invalidated'] as const;
type StatusFilter = (typeof statusFilters)[number];

/** Query strings are typed by hand in the address bar: anything odd falls back to the default. */
function readQuery(query: Record<string, string | string[] | undefined>) {
  const one = (key: string) => (typeof query[key] === 'string' ? (query[key] as string) : '');
  const status = (statusFilters as readonly string[]).includes(one('status')) ? (one('status') as StatusFilter) : 'all';
  const page = Number(one('page'));
  return {
    status,
    q: one('q').trim().slice(0, 100),
    page: Number.isSafeInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('organiser.campaign');
  return { title: t('metaTitle') };
}

export default async function ManageCampaignPage({ params, searchParams }: Props) {
  const caller = await requireSignedIn();
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const filter = readQuery(query);
  const [campaign, list, mail, queue, retention] = await orNotFound(
    Promise.all([
      getOrganiserCampaign(caller, slug),
      listSignatures(caller, slug, { ...filter, perPage: PER_PAGE }),
      getMailHealth(caller, slug),
      listReviewQueue(caller, slug),
      getRetention(caller, slug),
    ]),
  );
  const consents = await orNotFound(findConsentTexts(caller, slug, list.items.map((item) => item.id)));
  // What the page offers follows the caller's role; lib/ checks each action again on its own.
  const canEdit = allows(campaign.access, 'edit');
  const canOwn = allows(campaign.access, 'own');
  const shares = canOwn ? await orNotFound(listCampaignShares(caller, slug)) : [];
  const [t, ts, tm, tmail, status, format, locale, tr, td, tsh] = await Promise.all([
    getTranslations('organiser.campaign'),
    getTranslations('organiser.signatures'),
    getTranslations('organiser.moderation'),
    getTranslations('organiser.mail'),
    getTranslations('organiser.status'),
    getFormatter(),
    getLocale(),
    getTranslations('organiser.review'),
    getTranslations('organiser.documents'),
    getTranslations('organiser.sharing'),
  ]);
  const counts = campaign.signatureCounts;
  const documentFormats = [
    { format: 'pdf', label: td('formats.pdf') },
    ...(campaign.kind === 'hrc-statement' ? [{ format: 'docx', label: td('formats.docx') }] : []),
    { format: 'xlsx', label: td('formats.xlsx') },
    { format: 'csv', label: td('formats.csv') },
    { format: 'json', label: td('formats.json') },
  ];
  const languageNames = new Intl.DisplayNames([locale, 'en'], { type: 'language' });
  /** What this signer agreed to, word for word, as consent_texts keeps it: the proof of consent. */
  const consentCell = (id: string) => {
    const consent = consents.get(id);
    if (!consent) return null;
    const paper = consent.version === PAPER_CONSENT_VERSION;
    return (
      <details className="consent-record">
        <summary>
          {paper ? ts('consent.paper') : ts('consent.summary', { version: consent.version, language: languageNames.of(consent.locale) ?? consent.locale })}
        </summary>
        {consent.text ? (
          <p lang={consent.locale} dir={directionOf(consent.locale)} className="consent-record-text" data-testid="consent-text">
            {consent.text}
          </p>
        ) : (
          <p>{paper ? ts('consent.paperHint') : ts('consent.missing')}</p>
        )}
        <p className="hint">{ts('consent.agreedOn', { date: formatDate(consent.consentedAt, locale) })}</p>
      </details>
    );
  };
  const signerName = (s: SignatureListItem) =>
    s.kind === 'organisation'
      ? (s.organisation?.name ?? '')
      : s.kind === 'group' && s.group?.label
        ? s.group.label
        : [s.honorific, s.givenName, s.familyName].filter(Boolean).join(' ');

  const base = `/dashboard/c/${campaign.slug}`;
  const publicPath = `/c/${campaign.slug}`;
  const exportBase = `/api/v1/campaigns/${encodeURIComponent(campaign.slug)}/exports`;
  const pageHref = (page: number) => {
    const params = new URLSearchParams();
    if (filter.status !== 'all') params.set('status', filter.status);
    if (filter.q) params.set('q', filter.q);
    if (page > 1) params.set('page', String(page));
    const search = params.toString();
    return search ? `${base}?${search}#signatures` : `${base}#signatures`;
  };
  const deadlinePassed = campaign.status === 'published' && !campaign.acceptingSignatures;

  return (
    <>
      <p>
        <Link href="/dashboard">← {t('back')}</Link>
      </p>
      <div className="organiser-title-row">
        <h1>{campaign.title}</h1>
        <span className={badgeClass(campaign.status)}>{status(campaign.status)}</span>
      </div>

      <dl className="organiser-stats">
        <div>
          <dt>{t('confirmed')}</dt>
          <dd>{format.number(campaign.signatureCount)}</dd>
        </div>
        <div>
          <dt>{t('pending')}</dt>
          <dd>{format.number(campaign.pendingCount)}</dd>
        </div>
        {counts.paper > 0 ? (
          <div>
            <dt>{t('onlinePaper')}</dt>
            <dd data-testid="online-paper">{t('onlinePaperValue', { online: counts.online, paper: counts.paper })}</dd>
          </div>
        ) : null}
        {campaign.signerKinds.length > 1 ? (
          <div>
            <dt>{t('byKind')}</dt>
            <dd data-testid="by-kind">
              {campaign.signerKinds.map((kind) => t(`kindCount.${kind}`, { count: counts.byKind[kind] })).join(' · ')}
            </dd>
          </div>
        ) : null}
        {campaign.unreviewedCount > 0 ? (
          <div>
            <dt>{t('unreviewed')}</dt>
            <dd>
              <a href="#review">{format.number(campaign.unreviewedCount)}</a>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('version')}</dt>
          <dd>
            <span data-testid="version-number">{campaign.version.number}</span>{' '}
            <code className="hint" title={campaign.version.sha256}>
              {campaign.version.sha256.slice(0, 12)}
            </code>
          </dd>
        </div>
        {campaign.heldCount > 0 ? (
          <div>
            <dt>{t('held')}</dt>
            <dd>
              <Link href={`${base}?status=held#signatures`}>{format.number(campaign.heldCount)}</Link>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('goal')}</dt>
          <dd>{campaign.goal === null ? t('none') : format.number(campaign.goal)}</dd>
        </div>
        <div>
          <dt>{t('deadline')}</dt>
          <dd>{campaign.deadline ? formatDate(campaign.deadline, locale) : t('none')}</dd>
        </div>
      </dl>
      {campaign.goal ? (
        <progress
          className="progress"
          max={campaign.goal}
          value={Math.min(campaign.signatureCount, campaign.goal)}
          aria-label={t('progress', { count: campaign.signatureCount, goal: campaign.goal })}
        />
      ) : null}

      <section className="card organiser-section" aria-labelledby="status-heading">
        <h2 id="status-heading">{t('statusHeading')}</h2>
        {!canOwn ? (
          <p data-testid="role-notice">{t(`roleNotice.${campaign.access}`)}</p>
        ) : campaign.status === 'draft' ? (
          <>
            <p>{t('draftExplain', { path: publicPath })}</p>
            <form action={publishCampaignAction.bind(null, campaign.slug)}>
              <button type="submit" className="button">
                {t('publish')}
              </button>
            </form>
          </>
        ) : campaign.status === 'published' ? (
          <>
            <p>{deadlinePassed ? t('deadlinePassed') : t('publishedExplain')}</p>
            <form action={closeCampaignAction.bind(null, campaign.slug)}>
              <button type="submit" className="button-secondary">
                {t('close')}
              </button>
            </form>
          </>
        ) : (
          <>
            <p>{t('closedExplain')}</p>
            <form action={publishCampaignAction.bind(null, campaign.slug)}>
              <button type="submit" className="button">
                {t('reopen')}
              </button>
            </form>
          </>
        )}
        <p className="organiser-links">
          {canEdit ? <Link href={`${base}/edit`}>{t('edit')}</Link> : null}
          <Link href={`${base}/imports`}>{t('imports')}</Link>
          <Link href={`${base}/deliveries`}>{t('deliveries')}</Link>
          <Link href={`${base}/audit`}>{t('audit')}</Link>
          {campaign.status === 'draft' ? null : <Link href={publicPath}>{t('publicPage')}</Link>}
        </p>
      </section>

      {canEdit && (campaign.signerKinds.some((kind) => kind === 'notable' || kind === 'organisation') || queue.length > 0) ? (
        <section id="review" className="card organiser-section" aria-labelledby="review-heading">
          <h2 id="review-heading">{tr('heading')}</h2>
          <p>{tr('explain')}</p>
          {queue.length === 0 ? (
            <p className="notice" data-testid="review-empty">
              {tr('empty')}
            </p>
          ) : (
            <ul className="review-queue">
              {queue.map((item) => (
                <ReviewItem
                  key={item.id}
                  item={item}
                  countryLabel={countryName(item.country, locale)}
                  action={reviewAction.bind(null, campaign.slug, item.id)}
                />
              ))}
            </ul>
          )}
        </section>
      ) : null}

      {canOwn ? (
        <section className="card organiser-section" aria-labelledby="sharing-heading">
          <h2 id="sharing-heading">{tsh('heading')}</h2>
          <p className="hint">{tsh('explain')}</p>
          {shares.length ? (
            <ul data-testid="shares">
              {shares.map((share) => (
                <li key={share.workspaceId}>
                  <span dir="auto">{share.name}</span> · {tsh(`roles.${share.role}`)}{' '}
                  <form action={unshareCampaignAction.bind(null, campaign.slug, share.workspaceId)} className="organiser-inline-form">
                    <button type="submit" className="button-secondary">
                      {tsh('stop')}
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          ) : (
            <p>{tsh('none')}</p>
          )}
          <SharingForm action={shareCampaignAction.bind(null, campaign.slug)} />
        </section>
      ) : null}

      {canEdit ? (
      <section className="card organiser-section" aria-labelledby="export-heading">
        <h2 id="export-heading">{td('heading')}</h2>
        <p className="hint">{td('explain')}</p>
        <DocumentDownloads
          base={exportBase}
          formats={documentFormats}
          kinds={campaign.signerKinds}
          countries={listCountries(locale)}
          hasPaper={counts.paper > 0}
        />
      </section>
      ) : null}

      <div className="card organiser-section">
        <RetentionPanel
          slug={campaign.slug}
          months={retention.months}
          dueAt={retention.dueAt?.toISOString() ?? null}
          erasedAt={retention.erasedAt?.toISOString() ?? null}
          readOnly={!canOwn}
        />
      </div>

      <section className="card organiser-section" aria-labelledby="mail-heading">
        <h2 id="mail-heading">{tmail('heading')}</h2>
        <p data-testid="mail-health">{tmail('summary', mail)}</p>
        {mail.bounced + mail.complained + mail.suppressed + mail.failed > 0 ? <p>{tmail('problems', mail)}</p> : null}
        {canEdit && mail.failed > 0 ? (
          <form action={retryFailedMailAction.bind(null, campaign.slug)}>
            <button type="submit" className="button-secondary">
              {tmail('retry', { failed: mail.failed })}
            </button>
          </form>
        ) : null}
        <p className="hint">{tmail('explain')}</p>
      </section>

      {canEdit ? (
      <section className="card organiser-section" aria-labelledby="abuse-heading">
        <h2 id="abuse-heading">{tm('heading')}</h2>
        <p>{tm('explain')}</p>
        <p>
          {tm('held', { count: campaign.heldCount })}
          {campaign.heldCount > 0 ? (
            <>
              {' '}
              <Link href={`${base}?status=held#signatures`}>{tm('showHeld')}</Link>
            </>
          ) : null}
        </p>
        <h3>{tm('invalidateHeading')}</h3>
        <p className="hint">{tm('invalidateExplain')}</p>
        <InvalidationForm action={invalidateAction.bind(null, campaign.slug)} />
      </section>
      ) : null}

      <section id="signatures" className="organiser-section" aria-labelledby="signatures-heading">
        <h2 id="signatures-heading">{ts('heading')}</h2>
        <form method="get" action={base} className="organiser-filters" role="search">
          <div className="field">
            <label htmlFor="q">{ts('search')}</label>
            <input id="q" name="q" type="search" defaultValue={filter.q} maxLength={100} />
          </div>
          <div className="field">
            <label htmlFor="status">{ts('statusFilter')}</label>
            <select id="status" name="status" defaultValue={filter.status}>
              {statusFilters.map((value) => (
                <option key={value} value={value}>
                  {ts(`filters.${value}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button-secondary">
            {ts('apply')}
          </button>
        </form>

        <p aria-live="polite">{ts('count', { count: list.total })}</p>

        {list.items.length === 0 ? (
          <p className="notice">{filter.q || filter.status !== 'all' ? ts('noMatches') : ts('none')}</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{ts('columns.name')}</th>
                  <th scope="col">{ts('columns.kind')}</th>
                  <th scope="col">{ts('columns.title')}</th>
                  <th scope="col">{ts('columns.country')}</th>
                  <th scope="col">{ts('columns.email')}</th>
                  <th scope="col">{ts('columns.shown')}</th>
                  <th scope="col">{ts('columns.updates')}</th>
                  <th scope="col">{ts('columns.status')}</th>
                  <th scope="col">{ts('columns.signed')}</th>
                  <th scope="col">{ts('columns.confirmed')}</th>
                  <th scope="col">{ts('columns.consent')}</th>
                  <th scope="col">{tm('connection')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{tm('heading')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((signature) => (
                  <tr key={signature.id}>
                    <td dir="auto">{signerName(signature)}</td>
                    <td>
                      {ts(`kinds.${signature.kind}`)}
                      {signature.group ? ` (${format.number(signature.group.members)})` : null}
                      {signature.source === 'paper' ? <span className="badge">{ts('paper')}</span> : null}
                      {signature.versionNumber !== campaign.version.number ? (
                        <span className="badge" title={ts('versionHint')}>
                          v{signature.versionNumber}
                        </span>
                      ) : null}
                    </td>
                    <td dir="auto">{[signature.title, signature.affiliation].filter(Boolean).join(', ')}</td>
                    <td>{countryName(signature.country, locale)}</td>
                    <td>
                      {!signature.hasEmail ? (
                        <span className="muted">{ts('noEmail')}</span>
                      ) : canEdit ? (
                        <RevealEmail action={revealEmailAction.bind(null, campaign.slug, signature.id)} />
                      ) : (
                        <span className="muted">{ts('emailHidden')}</span>
                      )}
                    </td>
                    <td>{ts(`visibility.${signature.visibility}`)}</td>
                    <td>{signature.wantsUpdates ? ts('yes') : ts('no')}</td>
                    <td>
                      <span className={badgeClass(signature.status)}>{status(signature.status)}</span>
                      {signature.review === 'pending' ? <span className="badge badge-warning">{ts('unreviewedBadge')}</span> : null}
                      {signature.review === 'rejected' ? <span className="badge">{ts('rejectedBadge')}</span> : null}
                      {signature.heldReason ? <span className="badge badge-warning">{tm('heldBadge')}</span> : null}
                      {signature.nameHidden ? <span className="badge">{tm('hiddenBadge')}</span> : null}
                      {signature.invalidated ? <span className="badge">{tm('invalidatedBadge')}</span> : null}
                    </td>
                    <td>{formatDate(signature.createdAt, locale)}</td>
                    <td>{signature.confirmedAt ? formatDate(signature.confirmedAt, locale) : ts('notYet')}</td>
                    <td data-testid="signature-consent">{consentCell(signature.id)}</td>
                    <td>
                      <code title={signature.clientHash ?? undefined}>{signature.clientHash?.slice(0, 8) ?? ''}</code>
                    </td>
                    <td>
                      {!canEdit || signature.invalidated ? null : signature.heldReason ? (
                        <form action={includeHeldAction.bind(null, campaign.slug, signature.id)}>
                          <button type="submit" className="button-secondary">
                            {tm('include')}
                          </button>
                        </form>
                      ) : signature.visibility !== 'counted' ? (
                        <form action={(signature.nameHidden ? showNameAction : hideNameAction).bind(null, campaign.slug, signature.id)}>
                          <button type="submit" className="button-secondary">
                            {signature.nameHidden ? tm('showName') : tm('hideName')}
                          </button>
                        </form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        {list.pages > 1 ? (
          <nav aria-label={ts('pages')} className="organiser-pager">
            {list.page > 1 ? <Link href={pageHref(list.page - 1)}>← {ts('previous')}</Link> : <span />}
            <span>{ts('pageOf', { page: list.page, pages: list.pages })}</span>
            {list.page < list.pages ? <Link href={pageHref(list.page + 1)}>{ts('next')} →</Link> : <span />}
          </nav>
        ) : null}
      </section>
    </>
  );
}
