import { describe, expect, it } from 'vitest';
import { splitScriptRuns } from '@/lib/documents/docx/text-runs';

describe('splitScriptRuns', () => {
  it('keeps Latin text in one left-to-right run', () => {
    expect(splitScriptRuns('Comité de Soutien aux Droits de l’Homme')).toEqual([{ text: 'Comité de Soutien aux Droits de l’Homme', rtl: false }]);
  });

  it('keeps a several-word Persian or Arabic name in one right-to-left run', () => {
    expect(splitScriptRuns('عبدالله الخطيب')).toEqual([{ text: 'عبدالله الخطيب', rtl: true }]);
    expect(splitScriptRuns('محمدرضا حسینی‌نژاد (۱۴۰۲)')).toEqual([{ text: 'محمدرضا حسینی‌نژاد (۱۴۰۲)', rtl: true }]);
    expect(splitScriptRuns('کانون مدافعان (ایران) (Special Consultative Status)')).toEqual([
      { text: 'کانون مدافعان (ایران)', rtl: true },
      { text: ' (Special Consultative Status)', rtl: false },
    ]);
  });

  it('splits a mixed string so only the Arabic-script part is right-to-left', () => {
    expect(splitScriptRuns('Farideh Mohammadi فریده محمدی, Iran')).toEqual([
      { text: 'Farideh Mohammadi ', rtl: false },
      { text: 'فریده محمدی', rtl: true },
      { text: ', Iran', rtl: false },
    ]);
  });

  it('drops characters XML cannot hold and direction overrides', () => {
    expect(splitScriptRuns('Bad\u0000Org\u0007 \u202Eevil\u202C')).toEqual([{ text: 'BadOrg evil', rtl: false }]);
    expect(splitScriptRuns('\u0001')).toEqual([]);
  });
});
