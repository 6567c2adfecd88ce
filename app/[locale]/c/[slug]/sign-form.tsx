'use client';

import { useTranslations } from 'next-intl';
import Script from 'next/script';
import { useActionState, useEffect, useRef } from 'react';
import type { CaptchaWidget } from '@/lib/captcha/verify-captcha';
import type { SignField, SignFormState, SignFormValues } from './actions';

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
};

const initialState: SignFormState = { status: 'idle' };

const emptyValues: SignFormValues = {
  givenName: '',
  familyName: '',
  email: '',
  country: '',
  title: '',
  visibility: '',
  consent: false,
  updates: false,
};

const ORDER: SignField[] = ['givenName', 'familyName', 'email', 'country', 'title', 'visibility', 'consent', 'updates'];

const idOf = (field: SignField) => `sign-${field}`;
const errorIdOf = (field: SignField) => `sign-${field}-error`;

export function SignForm({ action, permalink, countries, consent, confirmationDays, captcha }: Props) {
  const t = useTranslations('public.sign');
  const [state, formAction, pending] = useActionState(action, initialState, permalink);
  const summaryRef = useRef<HTMLDivElement>(null);
  const sentRef = useRef<HTMLDivElement>(null);

  // After a submission, move focus to what changed so keyboard and screen-reader users hear it.
  useEffect(() => {
    if (state.status === 'sent') sentRef.current?.focus();
    else if (state.status !== 'idle') summaryRef.current?.focus();
  }, [state]);

  if (state.status === 'sent') {
    return (
      <section id="sign" className="notice notice-success" tabIndex={-1} ref={sentRef} role="status" aria-labelledby="sign-sent-heading">
        <h2 id="sign-sent-heading">{t('sent.heading')}</h2>
        <p>{t('sent.body', { email: state.email })}</p>
        <p>
          <strong>{t('sent.counts', { days: confirmationDays })}</strong>
        </p>
        <p>{t('sent.spam')}</p>
      </section>
    );
  }

  const values = state.status === 'idle' ? emptyValues : state.values;
  const errors = state.status === 'idle' ? {} : state.fieldErrors;
  const errorFields = ORDER.filter((field) => errors[field]);
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
    const kind = errors[field];
    return kind ? t(`errors.${field}.${kind}`) : null;
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

  return (
    <section id="sign" className="card" aria-labelledby="sign-heading">
      <h2 id="sign-heading">{t('heading')}</h2>

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
      <form action={formAction} noValidate>
        {/* A honeypot: invisible and unreachable for people, filled in by form-filling bots. */}
        <div className="honeypot" aria-hidden="true">
          <label htmlFor="sign-website">Website</label>
          <input id="sign-website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
        <p className="hint">{t('intro')}</p>

        <div className={fieldClass('givenName')}>
          <label htmlFor={idOf('givenName')}>{t('givenName')}</label>
          {errorLine('givenName')}
          <input
            id={idOf('givenName')}
            name="givenName"
            type="text"
            autoComplete="given-name"
            maxLength={100}
            required
            defaultValue={values.givenName}
            {...describe('givenName')}
          />
        </div>

        <div className={fieldClass('familyName')}>
          <label htmlFor={idOf('familyName')}>{t('familyName')}</label>
          {errorLine('familyName')}
          <input
            id={idOf('familyName')}
            name="familyName"
            type="text"
            autoComplete="family-name"
            maxLength={100}
            required
            defaultValue={values.familyName}
            {...describe('familyName')}
          />
        </div>

        <div className={fieldClass('email')}>
          <label htmlFor={idOf('email')}>{t('email')}</label>
          <span id="sign-email-hint" className="hint">
            {t('emailHint')}
          </span>
          {errorLine('email')}
          <input
            id={idOf('email')}
            name="email"
            type="email"
            inputMode="email"
            autoComplete="email"
            spellCheck={false}
            maxLength={254}
            required
            dir="ltr"
            defaultValue={values.email}
            {...describe('email', 'sign-email-hint')}
          />
        </div>

        <div className={fieldClass('country')}>
          <label htmlFor={idOf('country')}>{t('country')}</label>
          {errorLine('country')}
          {/* React does not re-apply a select's defaultValue after mount; a new key makes the returned value stick. */}
          <select
            key={values.country || 'none'}
            id={idOf('country')}
            name="country"
            autoComplete="country"
            required
            defaultValue={values.country}
            {...describe('country')}
          >
            <option value="">{t('countryPlaceholder')}</option>
            {countries.map((country) => (
              <option key={country.code} value={country.code}>
                {country.name}
              </option>
            ))}
          </select>
        </div>

        <div className={fieldClass('title')}>
          <label htmlFor={idOf('title')}>{t('title')}</label>
          <span id="sign-title-hint" className="hint">
            {t('titleHint')}
          </span>
          {errorLine('title')}
          <input
            id={idOf('title')}
            name="title"
            type="text"
            autoComplete="organization-title"
            maxLength={200}
            defaultValue={values.title}
            {...describe('title', 'sign-title-hint')}
          />
        </div>

        <fieldset
          className={fieldClass('visibility')}
          aria-describedby={['sign-visibility-note', errors.visibility ? errorIdOf('visibility') : ''].filter(Boolean).join(' ')}
        >
          <legend>{t('visibility.legend')}</legend>
          {errorLine('visibility')}
          {/* The first radio carries the id the error summary links to. */}
          <div className="choice">
            <input
              id={idOf('visibility')}
              type="radio"
              name="visibility"
              value="public"
              required
              defaultChecked={values.visibility === 'public'}
              aria-describedby="sign-visibility-public-hint"
              aria-invalid={errors.visibility ? true : undefined}
            />
            <label htmlFor={idOf('visibility')} className="choice-title">
              {t('visibility.public')}
            </label>
            <span id="sign-visibility-public-hint" className="hint">
              {t('visibility.publicHint')}
            </span>
          </div>
          <div className="choice">
            <input
              id="sign-visibility-counted"
              type="radio"
              name="visibility"
              value="counted"
              defaultChecked={values.visibility === 'counted'}
              aria-describedby="sign-visibility-counted-hint"
              aria-invalid={errors.visibility ? true : undefined}
            />
            <label htmlFor="sign-visibility-counted" className="choice-title">
              {t('visibility.counted')}
            </label>
            <span id="sign-visibility-counted-hint" className="hint">
              {t('visibility.countedHint')}
            </span>
          </div>
          <p id="sign-visibility-note" className="hint">
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
              {...describe('consent')}
            />
            <label htmlFor={idOf('consent')} className="consent-text">
              {consent}
            </label>
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
          {pending ? t('pending') : t('submit')}
        </button>
      </form>
    </section>
  );
}
