'use client';

import Link from 'next/link';
import { useActionState, useDeferredValue, useEffect, useRef, useState, useSyncExternalStore, type FormEvent, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import {
  addresseeParts,
  campaignFormFields,
  campaignKindOptions,
  ecosocStatusOptions,
  fieldId,
  hrcParts,
  MAX_ADDRESSEES,
  signerKindOptions,
  SPARE_ADDRESSEES,
  type HrcPart,
  type TextField,
} from '@/lib/http/campaign-form-fields';
import type { AddresseeValues, CampaignFieldError, CampaignFormState, CampaignFormValues } from '@/lib/http/read-campaign-form';
import { HrcWordCount, type HrcDraft } from './hrc-word-count';

export type CampaignFormProps = {
  action: (previous: CampaignFormState, form: FormData) => Promise<CampaignFormState>;
  initial: CampaignFormValues;
  languages: { code: string; label: string }[];
  /** The campaign is published, so its address is out in the world. */
  locked?: { slug?: boolean };
  /** On edit: the version people sign now, how many have signed, and whether it can be signed now. */
  version?: { number: number; signatures: number; public: boolean };
  mode: 'create' | 'edit';
  cancelHref: string;
  /** On create: the workspaces the organiser may create in (none yet: a first one is made for them). */
  workspaces?: { id: string; name: string }[];
};

/** The one form for creating and editing a campaign. The domain validates; errors come back per field. */
export function CampaignForm(props: CampaignFormProps) {
  const [state, formAction, pending] = useActionState(props.action, { values: props.initial, errors: {}, messages: {} });
  // The key remounts the fields after each answer, so they show exactly what was sent back.
  return <CampaignFormBody key={JSON.stringify(state)} {...props} state={state} formAction={formAction} pending={pending} />;
}

const noSubscription = () => () => {};
/** False while rendering on the server and hydrating, true once JavaScript runs: the form works either way. */
const useScripted = () => useSyncExternalStore(noSubscription, () => true, () => false);

const ANCHORS: Partial<Record<string, string>> = {
  kind: 'kind-letter',
  signerKinds: 'signerKinds-individual',
  addressees: 'addressees-0-name',
  hrc: 'hrc-session',
};
/** Where an error's link in the summary leads: the field, or a group's first control. */
const anchorOf = (path: string) => ANCHORS[path] ?? fieldId(path);

const DRAFT_FIELDS: Partial<Record<string, keyof HrcDraft>> = {
  title: 'title',
  letter: 'letter',
  demands: 'demands',
  language: 'language',
  'hrc.submitter.ecosocStatus': 'ecosocStatus',
  'hrc.sessionStartsOn': 'sessionStartsOn',
};

type BodyProps = CampaignFormProps & {
  state: CampaignFormState;
  formAction: (form: FormData) => void;
  pending: boolean;
};

function CampaignFormBody({ state, formAction, pending, initial, languages, locked = {}, version, mode, cancelHref, workspaces = [] }: BodyProps) {
  const t = useTranslations('organiser.form');
  const scripted = useScripted();
  const summaryRef = useRef<HTMLDivElement>(null);
  const focusNewAddressee = useRef(false);

  const text = (field: TextField) => state.values[field] ?? initial[field] ?? '';
  const signerKinds = state.values.signerKinds ?? initial.signerKinds ?? ['individual'];
  const addressees = state.values.addressees ?? initial.addressees ?? [];
  const hrc = state.values.hrc ?? initial.hrc ?? {};

  const [kind, setKind] = useState(text('kind') || 'letter');
  const [slots, setSlots] = useState(Math.max(addressees.length, Math.min(addressees.length + SPARE_ADDRESSEES, MAX_ADDRESSEES)));
  const [draft, setDraft] = useState<HrcDraft>({
    title: text('title'),
    letter: text('letter'),
    demands: text('demands'),
    language: text('language'),
    ecosocStatus: hrc['submitter.ecosocStatus'] ?? '',
    sessionStartsOn: hrc.sessionStartsOn ?? '',
  });
  // Counting a long letter's words on every keystroke must not hold up the typing.
  const deferredDraft = useDeferredValue(draft);

  // After a refused submit, move focus to the list of problems so screen readers announce it.
  useEffect(() => {
    if (Object.keys(state.errors).length) summaryRef.current?.focus();
  }, [state.errors]);

  useEffect(() => {
    if (!focusNewAddressee.current) return;
    focusNewAddressee.current = false;
    document.getElementById(`addressees-${slots - 1}-name`)?.focus();
  }, [slots]);

  function track(event: FormEvent<HTMLFormElement>) {
    const target = event.target as HTMLInputElement;
    if (target.name === 'kind') setKind(target.value);
    const key = DRAFT_FIELDS[target.name];
    if (key) setDraft((current) => ({ ...current, [key]: target.value }));
  }

  function errorMessage(path: string, error: CampaignFieldError): string {
    if (error === 'taken') return t('errors.slugTaken');
    if (error === 'locked') return t('errors.slugLocked');
    // addressees.3.email is worded as any addressee's email.
    const key = `errors.${path.replace(/^addressees\.\d+\./, 'addressee.')}.${error}`;
    if (t.has(key)) return t(key);
    return state.messages[path] ?? t('errors.generic');
  }

  function fieldLabel(path: string): string {
    const addressee = /^addressees\.(\d+)\.(\w+)$/.exec(path);
    if (addressee) return t('addressee.partOf', { n: Number(addressee[1]) + 1, part: t(`addressee.${addressee[2]}`) });
    if (path.startsWith('hrc.')) return t(`hrcFields.${path.slice(4)}`);
    if (path === 'hrc') return t('hrcFields.legend');
    return t(path);
  }

  /** Every refused path in the order the form shows them. */
  const orderedErrors = campaignFormFields
    .flatMap((field) => {
      if (field === 'addressees') {
        return [field, ...Array.from({ length: slots }, (_, i) => addresseeParts.map((part) => `addressees.${i}.${part}`)).flat()];
      }
      if (field === 'hrc') return [field, ...hrcParts.map((part) => `hrc.${part}`)];
      return [field];
    })
    .filter((path) => state.errors[path]);

  function describedBy(path: string, hint?: boolean) {
    const id = fieldId(path);
    const ids = [hint ? `${id}-hint` : null, state.errors[path] ? `${id}-error` : null].filter(Boolean);
    return ids.length ? ids.join(' ') : undefined;
  }

  function messages(path: string, hint?: ReactNode) {
    const id = fieldId(path);
    const error = state.errors[path];
    return (
      <>
        {hint ? (
          <p id={`${id}-hint`} className="hint">
            {hint}
          </p>
        ) : null}
        {error ? (
          <p id={`${id}-error`} className="field-error">
            {errorMessage(path, error)}
          </p>
        ) : null}
      </>
    );
  }

  const common = (path: string, value: string, hint?: boolean) => ({
    id: fieldId(path),
    name: path,
    defaultValue: value,
    'aria-invalid': state.errors[path] ? true : undefined,
    'aria-describedby': describedBy(path, hint),
  });

  const hrcValue = (part: HrcPart) => hrc[part] ?? '';
  const isStatement = kind === 'hrc-statement';
  const slugHint = locked.slug ? t('slugLocked') : t('slugHint');

  return (
    <form action={formAction} className="organiser-form" onChange={track} noValidate>
      {orderedErrors.length ? (
        <div className="error-summary" role="alert" tabIndex={-1} ref={summaryRef}>
          <h2>{t('fixErrors')}</h2>
          <ul>
            {orderedErrors.map((path) => (
              <li key={path}>
                <a href={`#${anchorOf(path)}`}>{t('summaryItem', { field: fieldLabel(path), message: errorMessage(path, state.errors[path]) })}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {version ? <VersionNotice version={version} /> : null}

      {mode === 'create' && workspaces.length > 0 ? (
        <div className="field">
          <label htmlFor="workspaceId">{t('workspaceId')}</label>
          <select {...common('workspaceId', text('workspaceId') || workspaces[0].id, true)}>
            {workspaces.map((workspace) => (
              <option key={workspace.id} value={workspace.id}>
                {workspace.name}
              </option>
            ))}
          </select>
          {messages('workspaceId', t('workspaceIdHint'))}
        </div>
      ) : null}

      <fieldset className="field">
        <legend>{t('kind')}</legend>
        {messages('kind')}
        {campaignKindOptions.map((option) => (
          <div className="choice" key={option}>
            <input
              id={`kind-${option}`}
              type="radio"
              name="kind"
              value={option}
              defaultChecked={kind === option}
              aria-describedby={[`kind-${option}-hint`, state.errors.kind ? 'kind-error' : null].filter(Boolean).join(' ')}
            />
            <label htmlFor={`kind-${option}`}>
              <span className="choice-title">{t(`kinds.${option}.label`)}</span>
            </label>
            <p id={`kind-${option}-hint`} className="hint">
              {t(`kinds.${option}.hint`)}
            </p>
          </div>
        ))}
      </fieldset>

      <div className="field">
        <label htmlFor="title">{t('title')}</label>
        <input type="text" required maxLength={200} {...common('title', text('title'))} />
        {messages('title')}
      </div>

      <div className="field">
        <label htmlFor="slug">{t('slug')}</label>
        <input
          type="text"
          required
          maxLength={80}
          pattern="[a-z0-9]+(-[a-z0-9]+)*"
          autoCapitalize="none"
          spellCheck={false}
          disabled={locked.slug}
          {...common('slug', text('slug'), true)}
        />
        {messages('slug', slugHint)}
      </div>

      <div className="field">
        <label htmlFor="summary">{t('summary')}</label>
        <input type="text" maxLength={500} {...common('summary', text('summary'), true)} />
        {messages('summary', t('summaryHint'))}
      </div>

      <div className="field">
        <label htmlFor="letter">{t('letter')}</label>
        <textarea rows={16} required {...common('letter', text('letter'), true)} />
        {messages('letter', t('letterHint'))}
      </div>

      <div className="field">
        <label htmlFor="demands">{t('demands')}</label>
        <textarea rows={4} {...common('demands', text('demands'), true)} />
        {messages('demands', t('demandsHint'))}
      </div>

      {isStatement ? <HrcWordCount draft={deferredDraft} /> : null}

      <fieldset className="field organiser-addressees">
        <legend>{t('addressees')}</legend>
        {messages('addressees', t('addresseesHint'))}
        {Array.from({ length: slots }, (_, index) => {
          const values: AddresseeValues = addressees[index] ?? { name: '', role: '', postalAddress: '', email: '' };
          const path = (part: string) => `addressees.${index}.${part}`;
          return (
            <fieldset className="organiser-addressee" key={index}>
              <legend>{t('addressee.legend', { n: index + 1 })}</legend>
              <div className="field">
                <label htmlFor={fieldId(path('name'))}>{t('addressee.name')}</label>
                <input type="text" maxLength={300} {...common(path('name'), values.name, index === 0)} />
                {messages(path('name'), index === 0 ? t('addressee.nameHint') : undefined)}
              </div>
              <div className="field">
                <label htmlFor={fieldId(path('role'))}>{t('addressee.role')}</label>
                <input type="text" maxLength={300} {...common(path('role'), values.role)} />
                {messages(path('role'))}
              </div>
              <div className="field">
                <label htmlFor={fieldId(path('postalAddress'))}>{t('addressee.postalAddress')}</label>
                <textarea rows={3} maxLength={500} {...common(path('postalAddress'), values.postalAddress)} />
                {messages(path('postalAddress'))}
              </div>
              <div className="field">
                <label htmlFor={fieldId(path('email'))}>{t('addressee.email')}</label>
                <input type="email" maxLength={254} autoCapitalize="none" spellCheck={false} {...common(path('email'), values.email)} />
                {messages(path('email'))}
              </div>
            </fieldset>
          );
        })}
        {scripted && slots < MAX_ADDRESSEES ? (
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              focusNewAddressee.current = true;
              setSlots((count) => Math.min(count + 1, MAX_ADDRESSEES));
            }}
          >
            {t('addAddressee')}
          </button>
        ) : null}
      </fieldset>

      <div className="organiser-row">
        <div className="field">
          <label htmlFor="place">{t('place')}</label>
          <input type="text" maxLength={100} {...common('place', text('place'), true)} />
          {messages('place', t('placeHint'))}
        </div>

        <div className="field">
          <label htmlFor="organisedBy">{t('organisedBy')}</label>
          <input type="text" maxLength={200} {...common('organisedBy', text('organisedBy'), true)} />
          {messages('organisedBy', t('organisedByHint'))}
        </div>
      </div>

      <fieldset className="field">
        <legend>{t('signerKinds')}</legend>
        {messages('signerKinds', t('signerKindsHint'))}
        {/* Sent even when no box is ticked, so "none" is refused instead of read as "unchanged". */}
        <input type="hidden" name="signerKinds" value="" />
        {signerKindOptions.map((option) => (
          <div className="choice" key={option}>
            <input
              id={`signerKinds-${option}`}
              type="checkbox"
              name="signerKinds"
              value={option}
              defaultChecked={signerKinds.includes(option)}
              aria-invalid={state.errors.signerKinds ? true : undefined}
              aria-describedby={[`signerKinds-${option}-hint`, state.errors.signerKinds ? 'signerKinds-error' : null].filter(Boolean).join(' ')}
            />
            <label htmlFor={`signerKinds-${option}`}>
              <span className="choice-title">{t(`signerKindOptions.${option}.label`)}</span>
            </label>
            <p id={`signerKinds-${option}-hint`} className="hint">
              {t(`signerKindOptions.${option}.hint`)}
            </p>
          </div>
        ))}
      </fieldset>

      <div className="organiser-row">
        <div className="field">
          <label htmlFor="goal">{t('goal')}</label>
          <input type="number" min={1} step={1} inputMode="numeric" {...common('goal', text('goal'), true)} />
          {messages('goal', t('goalHint'))}
        </div>

        <div className="field">
          <label htmlFor="deadline">{t('deadline')}</label>
          <input type="date" {...common('deadline', text('deadline'), true)} />
          {messages('deadline', t('deadlineHint'))}
        </div>

        <div className="field">
          <label htmlFor="language">{t('language')}</label>
          <select {...common('language', text('language'))}>
            {languages.map((language) => (
              <option key={language.code} value={language.code}>
                {language.label}
              </option>
            ))}
          </select>
          {messages('language')}
        </div>
      </div>

      {/* Without JavaScript the fieldset is always there, and says when it counts; with it, it shows for statements only. */}
      <fieldset className="field organiser-hrc" hidden={scripted && !isStatement}>
        <legend>{t('hrcFields.legend')}</legend>
        {messages('hrc', t('hrcFields.hint'))}
        <div className="organiser-row">
          <div className="field">
            <label htmlFor="hrc-session">{t('hrcFields.session')}</label>
            <input type="number" min={1} max={200} step={1} inputMode="numeric" {...common('hrc.session', hrcValue('session'), true)} />
            {messages('hrc.session', t('hrcFields.sessionHint'))}
          </div>
          <div className="field">
            <label htmlFor="hrc-agendaItem">{t('hrcFields.agendaItem')}</label>
            <select {...common('hrc.agendaItem', hrcValue('agendaItem'))}>
              <option value="">{t('hrcFields.choose')}</option>
              {Array.from({ length: 10 }, (_, i) => (
                <option key={i + 1} value={String(i + 1)}>
                  {t('hrcFields.item', { n: i + 1 })}
                </option>
              ))}
            </select>
            {messages('hrc.agendaItem')}
          </div>
          <div className="field">
            <label htmlFor="hrc-sessionStartsOn">{t('hrcFields.sessionStartsOn')}</label>
            <input type="date" {...common('hrc.sessionStartsOn', hrcValue('sessionStartsOn'), true)} />
            {messages('hrc.sessionStartsOn', t('hrcFields.sessionStartsOnHint'))}
          </div>
        </div>
        <div className="field">
          <label htmlFor="hrc-submitter-name">{t('hrcFields.submitter.name')}</label>
          <input type="text" maxLength={300} {...common('hrc.submitter.name', hrcValue('submitter.name'), true)} />
          {messages('hrc.submitter.name', t('hrcFields.submitter.nameHint'))}
        </div>
        <div className="field">
          <label htmlFor="hrc-submitter-ecosocStatus">{t('hrcFields.submitter.ecosocStatus')}</label>
          <select {...common('hrc.submitter.ecosocStatus', hrcValue('submitter.ecosocStatus'), true)}>
            <option value="">{t('hrcFields.choose')}</option>
            {ecosocStatusOptions.map((status) => (
              <option key={status} value={status}>
                {t(`hrcFields.status.${status}`)}
              </option>
            ))}
          </select>
          {messages('hrc.submitter.ecosocStatus', t('hrcFields.submitter.ecosocStatusHint'))}
        </div>
        <div className="organiser-row">
          <div className="field">
            <label htmlFor="hrc-contact-name">{t('hrcFields.contact.name')}</label>
            <input type="text" maxLength={200} autoComplete="off" {...common('hrc.contact.name', hrcValue('contact.name'))} />
            {messages('hrc.contact.name')}
          </div>
          <div className="field">
            <label htmlFor="hrc-contact-email">{t('hrcFields.contact.email')}</label>
            <input type="email" maxLength={254} autoComplete="off" {...common('hrc.contact.email', hrcValue('contact.email'))} />
            {messages('hrc.contact.email')}
          </div>
          <div className="field">
            <label htmlFor="hrc-contact-phone">{t('hrcFields.contact.phone')}</label>
            <input type="tel" maxLength={50} autoComplete="off" {...common('hrc.contact.phone', hrcValue('contact.phone'), true)} />
            {messages('hrc.contact.phone', t('hrcFields.contact.phoneHint'))}
          </div>
        </div>
      </fieldset>

      <div className="button-row">
        <button type="submit" className="button" disabled={pending}>
          {pending ? t('saving') : mode === 'create' ? t('create') : t('save')}
        </button>
        <Link href={cancelHref} className="button-secondary">
          {t('cancel')}
        </Link>
      </div>
    </form>
  );
}

/** Tells the organiser before saving that a change to the signed text makes a new version. */
function VersionNotice({ version }: { version: NonNullable<CampaignFormProps['version']> }) {
  const t = useTranslations('organiser.form');
  if (version.signatures > 0) {
    return <p className="notice notice-warning">{t('versionSigned', { count: version.signatures, version: version.number, next: version.number + 1 })}</p>;
  }
  if (version.public) return <p className="notice">{t('versionPublic', { next: version.number + 1 })}</p>;
  return null;
}
