'use client';

import { useLocale, useTranslations } from 'next-intl';
import Script from 'next/script';
import { useActionState, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { SignerKind } from '@/db/schema/campaigns';
import type { CaptchaWidget } from '@/lib/captcha/verify-captcha';
import { isolateIn } from '@/lib/i18n/locales';
import { isSignerKind, SIGN_FIELDS, type SignField, type SignFormValues } from '@/lib/http/read-sign-form';
import type { SignFormState } from './actions';

/** What is being signed, for the wording: a letter, a call to action or a joint statement. */
export type SignedDocument = 'letter' | 'call' | 'statement';

type Props = {
  /** `signAction` bound to the campaign slug and the page language. */
  action: (previous: SignFormState, form: FormData) => Promise<SignFormState>;
  /** Where a submission made before JavaScript loads lands: this page, scrolled to the form. */
  permalink: string;
  countries: { code: string; name: string }[];
  /** The exact, versioned consent wording stored as proof: shown as is. */
  consent: string;
  confirmationDays: number;
  /** The optional CAPTCHA widget (Turnstile or hCaptcha), when one is configured. */
  captcha?: CaptchaWidget | null;
  /** The kinds of signer the campaign takes, in the schema's order. */
  kinds: SignerKind[];
  documentKind: SignedDocument;
};

const initialState: SignFormState = { status: 'idle' };

const emptyValues = (): SignFormValues => ({
  ...(Object.fromEntries(SIGN_FIELDS.map((field) => [field, ''])) as Record<SignField, string>),
  consent: false,
  updates: false,
});

const VISIBILITIES = ['public', 'confidential', 'counted'] as const;
const ECOSOC = ['general', 'special', 'roster', 'none'] as const;

const idOf = (field: SignField) => `sign-${field}`;
const errorIdOf = (field: SignField) => `sign-${field}-error`;
const hintIdOf = (field: SignField) => `sign-${field}-hint`;

// True once the page runs JavaScript: the server's HTML (and a browser without JavaScript) shows
// every kind's fields; with JavaScript only the chosen kind's are shown.
const subscribeNever = () => () => {};
const useEnhanced = () =>
  useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );

export function SignForm({ action, permalink, countries, consent, confirmationDays, captcha, kinds, documentKind }: Props) {
  const t = useTranslations('public.sign');
  const locale = useLocale();
  const [state, formAction, pending] = useActionState(action, initialState, permalink);
  const summaryRef = useRef<HTMLDivElement>(null);
  const sentRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const enhanced = useEnhanced();
  // The kind picked since the last answer; an answer brings back the kind it was about.
  const [picked, setPicked] = useState<{ state: SignFormState; kind: SignerKind } | null>(null);

  // After a submission, move focus to what changed so keyboard and screen-reader users hear it.
  useEffect(() => {
    if (state.status === 'sent') sentRef.current?.focus();
    else if (state.status !== 'idle') summaryRef.current?.focus();
  }, [state]);

  if (state.status === 'sent') {
    return (
      <section id="sign" className="notice notice-success" tabIndex={-1} ref={sentRef} role="status" aria-labelledby="sign-sent-heading">
        <h2 id="sign-sent-heading">{t('sent.heading')}</h2>
        <p>{t('sent.body', { email: isolateIn(locale, state.email) })}</p>
        <p>
          <strong>{t('sent.counts', { days: confirmationDays })}</strong>
        </p>
        <p>{t('sent.spam')}</p>
      </section>
    );
  }

  // The stored wording, line by line: the first is what the box agrees to, the others say what it means.
  const [consentAgreement, ...consentDetails] = consent.split('\n');
  const values = state.status === 'idle' ? emptyValues() : state.values;
  const answeredKind = isSignerKind(values.kind) && kinds.includes(values.kind) ? values.kind : kinds[0];
  const kind = picked?.state === state ? picked.kind : answeredKind;
  const several = kinds.length > 1;
  const accepts = (...some: SignerKind[]) => some.some((one) => kinds.includes(one));
  /** Hidden with JavaScript when another kind is picked; the server takes only the picked kind's fields. */
  const hiddenUnless = (...some: SignerKind[]) => enhanced && !some.includes(kind);
  const onlyFor = (one: SignerKind) => (several && !enhanced ? <span className="hint">{t(`kind.only.${one}`)}</span> : null);

  const errors = state.status === 'idle' ? {} : state.fieldErrors;
  const errorFields = SIGN_FIELDS.filter((field) => errors[field]);
  const formMessage =
    state.status === 'closed'
      ? t('closed')
      : state.status === 'rate-limited'
        ? t('rateLimited')
        : state.status === 'failed'
          ? t('failed')
          : state.status === 'captcha'
            ? t('captcha')
            : null;

  const message = (field: SignField) => {
    const error = errors[field];
    return error ? t(`errors.${field}.${error}`) : null;
  };

  /** The error line under a label, and the attributes that tie it to its control. */
  const describe = (field: SignField, hintId?: string) => {
    const ids = [hintId, errors[field] ? errorIdOf(field) : undefined].filter(Boolean).join(' ');
    return { 'aria-describedby': ids || undefined, 'aria-invalid': errors[field] ? true : undefined } as const;
  };
  const errorLine = (field: SignField) =>
    errors[field] ? (
      <span id={errorIdOf(field)} className="field-error">
        <span className="visually-hidden">{t('summary')}: </span>
        {message(field)}
      </span>
    ) : null;
  const fieldClass = (field: SignField) => (errors[field] ? 'field field-invalid' : 'field');

  type TextOptions = {
    label: string;
    hint?: ReactNode;
    maxLength?: number;
    required?: boolean;
    autoComplete?: string;
    type?: 'text' | 'email' | 'url' | 'number';
    list?: string;
    extra?: Record<string, unknown>;
    hidden?: boolean;
    kind?: SignerKind;
  };
  const textField = (field: SignField, options: TextOptions) => (
    <div className={fieldClass(field)} hidden={options.hidden} data-kind={options.kind}>
      <label htmlFor={idOf(field)}>{options.label}</label>
      {options.hint ? (
        <span id={hintIdOf(field)} className="hint">
          {options.hint}
        </span>
      ) : null}
      {errorLine(field)}
      <input
        id={idOf(field)}
        name={field}
        type={options.type ?? 'text'}
        autoComplete={options.autoComplete}
        maxLength={options.maxLength}
        required={options.required}
        list={options.list}
        defaultValue={values[field] as string}
        {...options.extra}
        {...describe(field, options.hint ? hintIdOf(field) : undefined)}
      />
    </div>
  );

  const countrySelect = (field: 'country' | 'organisationCountry', label: string, hidden?: boolean) => (
    <div className={fieldClass(field)} hidden={hidden}>
      <label htmlFor={idOf(field)}>{label}</label>
      {errorLine(field)}
      {/* React does not re-apply a select's defaultValue after mount; a new key makes the returned value stick. */}
      <select
        key={values[field] || 'none'}
        id={idOf(field)}
        name={field}
        autoComplete={field === 'country' ? 'country' : 'off'}
        required
        defaultValue={values[field]}
        {...describe(field)}
      >
        <option value="">{t('countryPlaceholder')}</option>
        {countries.map((country) => (
          <option key={country.code} value={country.code}>
            {country.name}
          </option>
        ))}
      </select>
    </div>
  );

  /** A radio group; the first radio carries the id the error summary links to. */
  const radios = (field: 'kind' | 'ecosocStatus' | 'visibility', options: readonly { value: string; label: string; hint?: string; checked: boolean }[], onChange?: (value: string) => void) =>
    options.map((option, index) => {
      const id = index === 0 ? idOf(field) : `${idOf(field)}-${option.value}`;
      return (
        <div className="choice" key={option.value}>
          <input
            id={id}
            type="radio"
            name={field}
            value={option.value}
            required
            defaultChecked={option.checked}
            onChange={onChange ? () => onChange(option.value) : undefined}
            aria-describedby={option.hint ? `${id}-hint` : undefined}
            aria-invalid={errors[field] ? true : undefined}
          />
          <label htmlFor={id} className="choice-title">
            {option.label}
          </label>
          {option.hint ? (
            <span id={`${id}-hint`} className="hint">
              {option.hint}
            </span>
          ) : null}
        </div>
      );
    });

  const pickKind = (value: string) => {
    if (!isSignerKind(value)) return;
    setPicked({ state, kind: value });
    // A family or group that has not chosen yet is counted only, as the server would decide.
    const form = formRef.current;
    if (value === 'group' && form && !form.querySelector('input[name="visibility"]:checked')) {
      const counted = form.querySelector<HTMLInputElement>('#sign-visibility-counted');
      if (counted) counted.checked = true;
    }
  };

  // Left empty, a family or group is counted only; a form for groups alone says so from the start.
  const visibilityChecked = (value: string) => values.visibility === value || (values.visibility === '' && value === 'counted' && kinds.length === 1 && kinds[0] === 'group');
  const contact = enhanced ? kind === 'organisation' || kind === 'group' : !accepts('individual', 'notable');
  const reviewed = accepts('notable', 'organisation') && (!enhanced || kind === 'notable' || kind === 'organisation');
  const grouped = accepts('group') && (!enhanced || kind === 'group');

  const personFields = (
    <>
      {textField('givenName', { label: t('givenName'), maxLength: 100, required: true, autoComplete: 'given-name' })}
      {textField('familyName', { label: t('familyName'), maxLength: 100, required: true, autoComplete: 'family-name' })}
      {accepts('individual')
        ? textField('title', {
            label: t('title'),
            hint: several && !enhanced ? `${t('kind.only.individual')} ${t('titleHint')}` : t('titleHint'),
            maxLength: 200,
            autoComplete: 'organization-title',
            hidden: hiddenUnless('individual'),
            kind: several ? 'individual' : undefined,
          })
        : null}
      {textField('email', {
        label: t('email'),
        hint: contact ? t('emailContactHint') : several && !enhanced && accepts('organisation', 'group') ? `${t('emailHint')} ${t('emailContactNote')}` : t('emailHint'),
        type: 'email',
        maxLength: 254,
        required: true,
        autoComplete: 'email',
        extra: { inputMode: 'email', spellCheck: false, dir: 'ltr' },
      })}
      {/* An organisation gives its own country above; this one serves the other kinds. */}
      {accepts('individual', 'notable', 'group') ? countrySelect('country', t('country'), hiddenUnless('individual', 'notable', 'group')) : null}
    </>
  );

  return (
    <section id="sign" className="card" aria-labelledby="sign-heading">
      <h2 id="sign-heading">{t('heading', { document: documentKind })}</h2>

      {errorFields.length > 0 || formMessage ? (
        <div className="error-summary" role="alert" tabIndex={-1} ref={summaryRef} aria-labelledby="sign-summary-heading">
          <h3 id="sign-summary-heading">{t('summary')}</h3>
          {formMessage ? <p>{formMessage}</p> : null}
          {errorFields.length > 0 ? (
            <>
              <p className="visually-hidden">{t('summaryIntro')}</p>
              <ul>
                {errorFields.map((field) => (
                  <li key={field}>
                    <a href={`#${idOf(field)}`}>{message(field)}</a>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}

      {/* noValidate: the server checks every field and answers in the reader's language, with or without JavaScript. */}
      <form action={formAction} noValidate ref={formRef}>
        {/* A honeypot: invisible and unreachable for people, filled in by form-filling bots. */}
        <div className="honeypot" aria-hidden="true">
          <label htmlFor="sign-website">Website</label>
          <input id="sign-website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
        <p className="hint">{t('intro')}</p>

        {several ? (
          <fieldset className={fieldClass('kind')} aria-describedby={errors.kind ? errorIdOf('kind') : undefined}>
            <legend>{t('kind.legend')}</legend>
            {errorLine('kind')}
            {radios(
              'kind',
              kinds.map((one) => ({ value: one, label: t(`kind.${one}`), hint: t(`kind.hint.${one}`), checked: one === answeredKind })),
              pickKind,
            )}
            {!enhanced ? <p className="hint">{t('kind.noScript')}</p> : null}
          </fieldset>
        ) : (
          <input type="hidden" name="kind" value={kinds[0]} />
        )}

        {accepts('notable') ? (
          <fieldset className="field" hidden={hiddenUnless('notable')} data-kind="notable">
            <legend>{t('notable.legend')}</legend>
            {onlyFor('notable')}
            {textField('honorific', { label: t('honorific'), hint: t('honorificHint'), maxLength: 40, autoComplete: 'honorific-prefix', list: 'sign-honorific-suggestions' })}
            <datalist id="sign-honorific-suggestions">
              {t('honorificSuggestions')
                .split('|')
                .map((suggestion) => (
                  <option key={suggestion} value={suggestion} />
                ))}
            </datalist>
            {textField('notableTitle', { label: t('notableTitle'), hint: t('notableTitleHint'), maxLength: 300, autoComplete: 'organization-title' })}
            {textField('affiliation', { label: t('affiliation'), hint: t('affiliationHint'), maxLength: 300, autoComplete: 'organization' })}
          </fieldset>
        ) : null}

        {accepts('organisation') ? (
          <fieldset className="field" hidden={hiddenUnless('organisation')} data-kind="organisation">
            <legend>{t('organisation.legend')}</legend>
            {onlyFor('organisation')}
            {textField('organisationName', {
              label: t('organisation.name'),
              hint: t('organisation.nameHint'),
              maxLength: 300,
              required: true,
              autoComplete: 'organization',
            })}
            {countrySelect('organisationCountry', t('organisation.country'))}
            {textField('organisationWebsite', {
              label: t('organisation.website'),
              hint: t('organisation.websiteHint'),
              type: 'url',
              maxLength: 300,
              autoComplete: 'url',
              extra: { inputMode: 'url', spellCheck: false, dir: 'ltr' },
            })}
            <fieldset
              className={fieldClass('ecosocStatus')}
              aria-describedby={['sign-ecosocStatus-hint', errors.ecosocStatus ? errorIdOf('ecosocStatus') : ''].filter(Boolean).join(' ')}
            >
              <legend>{t('organisation.ecosoc.legend')}</legend>
              <span id="sign-ecosocStatus-hint" className="hint">
                {t('organisation.ecosoc.hint')}
              </span>
              {errorLine('ecosocStatus')}
              {radios(
                'ecosocStatus',
                ECOSOC.map((status) => ({ value: status, label: t(`organisation.ecosoc.${status}`), checked: values.ecosocStatus === status })),
              )}
            </fieldset>
          </fieldset>
        ) : null}

        {accepts('group') ? (
          <fieldset className="field" hidden={hiddenUnless('group')} data-kind="group">
            <legend>{t('group.legend')}</legend>
            {onlyFor('group')}
            {textField('groupLabel', { label: t('group.label'), hint: t('group.labelHint'), maxLength: 200 })}
            {textField('groupMembers', {
              label: t('group.members'),
              hint: t('group.membersHint'),
              type: 'number',
              required: true,
              extra: { inputMode: 'numeric', min: 1, max: 100_000, step: 1 },
            })}
            {textField('groupRelationship', { label: t('group.relationship'), hint: t('group.relationshipHint'), maxLength: 300 })}
          </fieldset>
        ) : null}

        {several || contact ? (
          <fieldset className="field" aria-describedby={several && !enhanced && accepts('organisation', 'group') ? 'sign-person-hint' : undefined}>
            <legend>{contact ? t('person.contactLegend') : t('person.legend')}</legend>
            {several && !enhanced && accepts('organisation', 'group') ? (
              <span id="sign-person-hint" className="hint">
                {t('person.contactHint')}
              </span>
            ) : null}
            {personFields}
          </fieldset>
        ) : (
          personFields
        )}

        <fieldset
          className={fieldClass('visibility')}
          aria-describedby={['sign-visibility-note', errors.visibility ? errorIdOf('visibility') : ''].filter(Boolean).join(' ')}
        >
          <legend>{t('visibility.legend')}</legend>
          {errorLine('visibility')}
          {radios(
            'visibility',
            VISIBILITIES.map((value) => ({
              value,
              label: t(`visibility.${value}`, { document: documentKind }),
              hint: t(`visibility.${value}Hint`),
              checked: visibilityChecked(value),
            })),
          )}
          <p id="sign-visibility-note" className="hint">
            {reviewed ? `${t('visibility.reviewNote')} ` : ''}
            {grouped ? `${t('visibility.groupNote')} ` : ''}
            {t('emailNeverShown')}
          </p>
        </fieldset>

        <fieldset className={fieldClass('consent')}>
          <legend>{t('consentLegend')}</legend>
          {errorLine('consent')}
          <div className="choice">
            <input
              id={idOf('consent')}
              type="checkbox"
              name="consent"
              required
              defaultChecked={values.consent}
              {...describe('consent', consentDetails.length ? 'sign-consent-details' : undefined)}
            />
            <label htmlFor={idOf('consent')} className="consent-text">
              {consentAgreement}
            </label>
            {consentDetails.length ? (
              <ul id="sign-consent-details" className="consent-details" data-testid="consent-details">
                {consentDetails.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : null}
          </div>
        </fieldset>

        <div className="field">
          <div className="choice">
            <input id={idOf('updates')} type="checkbox" name="updates" defaultChecked={values.updates} {...describe('updates')} />
            <label htmlFor={idOf('updates')}>{t('updates')}</label>
          </div>
        </div>

        {captcha ? (
          <>
            <Script src={captcha.script} strategy="afterInteractive" />
            <div className={captcha.widgetClass} data-sitekey={captcha.siteKey} />
          </>
        ) : null}

        <button type="submit" className="button" disabled={pending} aria-disabled={pending}>
          {pending ? t('pending') : t('submit', { document: documentKind })}
        </button>
      </form>
    </section>
  );
}
