'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { NEW_ADDRESSEE } from '@/lib/http/read-delivery-form';
import { SignatoryFilterFields } from '../signatory-filter-fields';
import type { DeliveryFormState } from './delivery-actions';

type Props = {
  action: (state: DeliveryFormState, form: FormData) => Promise<DeliveryFormState>;
  addressees: string[];
  formats: readonly ('pdf' | 'xlsx' | 'csv' | 'docx' | 'json')[];
  kinds: string[];
  countries: { code: string; name: string }[];
  hasPaper: boolean;
  today: string;
  /** New on every render of the page: one submission of this form records one delivery. */
  nonce: string;
};

const CHANNELS = ['email', 'post', 'portal', 'in-person'] as const;

/** Records a delivery. Every field is posted as a plain form, so it works without JavaScript. */
export function DeliveryForm({ action, addressees, formats, kinds, countries, hasPaper, today, nonce }: Props) {
  const t = useTranslations('organiser.deliveries');
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });
  // Without JavaScript every field shows; with it, the new addressee's fields only when chosen.
  const [chosen, setChosen] = useState<string | null>(null);
  const fields = state.status === 'invalid' ? state.fields : {};
  const problem = (...names: string[]) => names.flatMap((name) => fields[name] ?? []);
  const errorOf = (id: string, ...names: string[]) =>
    problem(...names).length ? (
      <p id={`${id}-error`} className="field-error">
        {problem(...names).join(' ')}
      </p>
    ) : null;

  return (
    <form action={formAction} className="organiser-form" noValidate data-testid="delivery-form" onReset={() => setChosen(addressees[0] ?? NEW_ADDRESSEE)}>
      <input type="hidden" name="nonce" value={nonce} />
      <div className="field">
        <label htmlFor="delivery-addressee">{t('addressee')}</label>
        <select
          id="delivery-addressee"
          name="addressee"
          defaultValue={addressees[0] ?? NEW_ADDRESSEE}
          aria-invalid={problem('addressee').length > 0}
          onChange={(event) => setChosen(event.target.value)}
          ref={(select) => {
            if (select && chosen === null) setChosen(select.value);
          }}
        >
          {addressees.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
          <option value={NEW_ADDRESSEE}>{t('newAddressee')}</option>
        </select>
        {errorOf('delivery-addressee', 'addressee')}
      </div>
      <fieldset className="field" hidden={chosen !== null && chosen !== NEW_ADDRESSEE} aria-describedby={problem('newAddressee', 'addressee.email').length ? 'delivery-new-error' : undefined}>
        <legend>{t('newAddressee')}</legend>
        {errorOf('delivery-new', 'newAddressee', 'addressee.email')}
        <div className="organiser-row">
          <div className="field">
            <label htmlFor="delivery-new-name">{t('newName')}</label>
            <input id="delivery-new-name" name="newName" maxLength={300} aria-invalid={problem('newAddressee').length > 0} />
          </div>
          <div className="field">
            <label htmlFor="delivery-new-role">{t('newRole')}</label>
            <input id="delivery-new-role" name="newRole" maxLength={300} />
          </div>
        </div>
        <div className="organiser-row">
          <div className="field">
            <label htmlFor="delivery-new-email">{t('newEmail')}</label>
            <input id="delivery-new-email" name="newEmail" type="email" maxLength={254} aria-invalid={problem('addressee.email').length > 0} />
          </div>
          <div className="field">
            <label htmlFor="delivery-new-postal">{t('newPostal')}</label>
            <textarea id="delivery-new-postal" name="newPostal" rows={2} maxLength={500} />
          </div>
        </div>
      </fieldset>
      <fieldset className="field">
        <legend>{t('channel')}</legend>
        {CHANNELS.map((channel, i) => (
          <label key={channel} className="choice">
            <input type="radio" name="channel" value={channel} defaultChecked={i === 0} /> {t(`channels.${channel}`)}
          </label>
        ))}
        {errorOf('delivery-channel', 'channel')}
      </fieldset>
      <fieldset className="field">
        <legend>{t('formats')}</legend>
        {formats.map((format) => (
          <label key={format} className="choice">
            <input type="checkbox" name="formats" value={format} defaultChecked={format === 'pdf' || format === 'docx'} /> {t(`formatNames.${format}`)}
          </label>
        ))}
        {errorOf('delivery-formats', 'formats')}
      </fieldset>
      <SignatoryFilterFields idPrefix="delivery" kinds={kinds} countries={countries} hasPaper={hasPaper} />
      {errorOf('delivery-filters', 'filters', 'filters.kind', 'filters.country', 'filters.reviewed', 'filters.source', 'filters.from', 'filters.to')}
      <div className="field">
        <label htmlFor="delivery-on">{t('deliveredOn')}</label>
        <input id="delivery-on" name="deliveredOn" type="date" defaultValue={today} aria-invalid={problem('deliveredOn').length > 0} />
        {errorOf('delivery-on', 'deliveredOn')}
      </div>
      <div className="field">
        <label htmlFor="delivery-note">{t('note')}</label>
        <textarea id="delivery-note" name="note" rows={2} maxLength={2000} />
      </div>
      <div className="field">
        <label className="choice">
          <input type="checkbox" name="send" aria-describedby="delivery-send-hint" /> {t('send')}
        </label>
        <p id="delivery-send-hint" className="hint">
          {t('sendHint')}
        </p>
        {errorOf('delivery-send', 'send')}
      </div>

      {state.status === 'invalid' ? (
        <p className="notice notice-error" role="alert" data-testid="delivery-error">
          {Object.keys(state.fields).length ? t('invalid') : state.message}
        </p>
      ) : null}
      {state.status === 'created' ? (
        <p className="notice notice-success" role="status" data-testid="delivery-created">
          {t('created', { count: state.count, sha: state.manifestSha256 })}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={pending}>
        {pending ? t('building') : t('submit')}
      </button>
    </form>
  );
}
