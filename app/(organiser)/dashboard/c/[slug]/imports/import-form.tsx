'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { ImportFormState } from './import-actions';

type Props = {
  action: (state: ImportFormState, form: FormData) => Promise<ImportFormState>;
  today: string;
};

const KINDS = ['individual', 'notable', 'organisation', 'group'] as const;
const VISIBILITIES = ['public', 'confidential', 'counted'] as const;
const FIELD_LABELS = ['description', 'collectedBy', 'collectedOn', 'csv', 'fileName'] as const;

/** Check a file first (Enter submits the check), then import it. Works without JavaScript. */
export function ImportForm({ action, today }: Props) {
  const t = useTranslations('organiser.imports');
  const [state, formAction, pending] = useActionState(action, { status: 'idle', values: { description: '', collectedBy: '', collectedOn: '' } });
  const { values } = state;
  const ready = state.status === 'preview' && state.problems.length === 0 && state.sha256 !== '';
  const problems = state.status === 'preview' || state.status === 'refused' ? state.problems : [];
  const fieldLabel = (field: string | null) =>
    field === null ? t('wholeLine') : (FIELD_LABELS as readonly string[]).includes(field) ? t(`fields.${field as (typeof FIELD_LABELS)[number]}`) : field;

  return (
    <form action={formAction} className="organiser-form" noValidate>
      <div className="field">
        <label htmlFor="import-description">{t('description')}</label>
        <input id="import-description" name="description" defaultValue={values.description} maxLength={500} aria-describedby="import-description-hint" />
        <p id="import-description-hint" className="hint">
          {t('descriptionHint')}
        </p>
      </div>
      <div className="organiser-row">
        <div className="field">
          <label htmlFor="import-collected-by">{t('collectedBy')}</label>
          <input id="import-collected-by" name="collectedBy" defaultValue={values.collectedBy} maxLength={200} />
        </div>
        <div className="field">
          <label htmlFor="import-collected-on">{t('collectedOn')}</label>
          <input id="import-collected-on" name="collectedOn" type="date" max={today} defaultValue={values.collectedOn} />
        </div>
      </div>
      <div className="field">
        <label htmlFor="import-file">{t('file')}</label>
        <input id="import-file" name="file" type="file" accept=".csv,text/csv" aria-describedby="import-file-hint" />
        <p id="import-file-hint" className="hint">
          {t('fileHint')}
        </p>
      </div>
      {ready ? <input type="hidden" name="sha256" value={state.sha256} /> : null}

      {state.status === 'refused' ? (
        <p className="notice notice-error" role="alert">
          {t(`refused.${state.reason}`)}
        </p>
      ) : null}
      {state.status === 'imported' ? (
        <p className="notice notice-success" role="status" data-testid="import-done">
          {t('imported', { rows: state.rows, file: state.fileName })}
        </p>
      ) : null}

      {state.status === 'preview' ? (
        <section aria-labelledby="import-preview-heading" data-testid="import-preview">
          <h3 id="import-preview-heading">{t('previewHeading', { file: state.fileName })}</h3>
          <p>{t('rows', { rows: state.rows })}</p>
          <dl className="organiser-stats">
            {KINDS.map((kind) => (
              <div key={kind}>
                <dt>{t(`kinds.${kind}`)}</dt>
                <dd>{state.counts.byKind[kind]}</dd>
              </div>
            ))}
            <div>
              <dt>{t('people')}</dt>
              <dd>{state.counts.people}</dd>
            </div>
          </dl>
          <p>
            {VISIBILITIES.map((visibility) => t(`visibility.${visibility}`, { count: state.counts.byVisibility[visibility] })).join(' · ')}
            {' · '}
            {t('withEmail', { count: state.counts.withEmail })}
          </p>
          {ready ? (
            <p className="notice" role="status">
              {t('ready', { rows: state.rows })}
            </p>
          ) : (
            <p className="notice notice-error" role="alert">
              {t('problemsFound', { count: state.problems.length + state.moreProblems })}
            </p>
          )}
        </section>
      ) : null}

      {problems.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="import-problems">
            <caption className="visually-hidden">{t('problemsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('columns.line')}</th>
                <th scope="col">{t('columns.field')}</th>
                <th scope="col">{t('columns.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((problem, index) => (
                <tr key={index}>
                  <td>{problem.line ?? '—'}</td>
                  <td>{fieldLabel(problem.field)}</td>
                  <td dir="auto">{problem.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {state.status === 'preview' && state.moreProblems > 0 ? <p className="hint">{t('moreProblems', { count: state.moreProblems })}</p> : null}

      <p className="organiser-links">
        <button type="submit" name="intent" value="preview" className={ready ? 'button-secondary' : 'button'} disabled={pending}>
          {t('check')}
        </button>
        {ready ? (
          <button type="submit" name="intent" value="import" className="button" disabled={pending}>
            {t('import', { rows: state.rows })}
          </button>
        ) : null}
      </p>
      {ready ? <p className="hint">{t('chooseAgain', { file: state.fileName })}</p> : null}
    </form>
  );
}
