'use client';

import { useTranslations } from 'next-intl';

type Props = {
  /** Prefix of the fields' ids, so two forms on one page never share one. */
  idPrefix: string;
  kinds: string[];
  countries: { code: string; name: string }[];
  hasPaper: boolean;
};

/** Which signatories a document or a delivery holds: the same six filters the API takes. */
export function SignatoryFilterFields({ idPrefix, kinds, countries, hasPaper }: Props) {
  const t = useTranslations('organiser.documents');
  return (
    <div className="organiser-filters">
      <div className="field">
        <label htmlFor={`${idPrefix}-kind`}>{t('kind')}</label>
        <select id={`${idPrefix}-kind`} name="kind" defaultValue="">
          <option value="">{t('allKinds')}</option>
          {kinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kinds.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-country`}>{t('country')}</label>
        <select id={`${idPrefix}-country`} name="country" defaultValue="">
          <option value="">{t('allCountries')}</option>
          {countries.map((country) => (
            <option key={country.code} value={country.code}>
              {country.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-reviewed`}>{t('reviewed')}</label>
        <select id={`${idPrefix}-reviewed`} name="reviewed" defaultValue="only">
          <option value="only">{t('reviewedOnly')}</option>
          <option value="all">{t('reviewedAll')}</option>
        </select>
      </div>
      {hasPaper ? (
        <div className="field">
          <label htmlFor={`${idPrefix}-source`}>{t('source')}</label>
          <select id={`${idPrefix}-source`} name="source" defaultValue="all">
            <option value="all">{t('sources.all')}</option>
            <option value="online">{t('sources.online')}</option>
            <option value="paper">{t('sources.paper')}</option>
          </select>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${idPrefix}-from`}>{t('from')}</label>
        <input id={`${idPrefix}-from`} name="from" type="date" />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-to`}>{t('to')}</label>
        <input id={`${idPrefix}-to`} name="to" type="date" />
      </div>
    </div>
  );
}
