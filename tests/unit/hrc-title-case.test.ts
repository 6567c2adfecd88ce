import { describe, expect, it } from 'vitest';
import { titleCase } from '@/lib/campaigns/hrc/title-case';

describe('titleCase', () => {
  it('capitalises principal words of an English title and keeps short words lower-case', () => {
    expect(titleCase('the crackdown on journalists and human rights defenders in the region', 'en')).toBe(
      'The Crackdown on Journalists and Human Rights Defenders in the Region',
    );
    expect(titleCase('A Call For An End To Executions', 'en')).toBe('A Call for an End to Executions');
  });

  it('capitalises the last word and the word after a colon, even when short', () => {
    expect(titleCase('what the families wait for', 'en')).toBe('What the Families Wait For');
    expect(titleCase('iran: the use of the death penalty', 'en')).toBe('Iran: The Use of the Death Penalty');
  });

  it('capitalises each part of a hyphenated word', () => {
    expect(titleCase('long-term follow-up of out-of-court cases', 'en')).toBe('Long-Term Follow-Up of Out-of-Court Cases');
  });

  it('never changes acronyms or words with inner capitals', () => {
    expect(titleCase('the OHCHR and the UN on eSwatini and McDonald cases', 'en')).toBe('The OHCHR and the UN on eSwatini and McDonald Cases');
    expect(titleCase('OF NOTE: the iPhone case', 'en')).toBe('OF NOTE: The iPhone Case');
  });

  it('capitalises only the first word in French and Spanish, leaving the rest as typed', () => {
    expect(titleCase('la répression des journalistes en Iran', 'fr')).toBe('La répression des journalistes en Iran');
    expect(titleCase('la situación de los derechos humanos y el ACNUDH', 'es')).toBe('La situación de los derechos humanos y el ACNUDH');
    expect(titleCase('« défenseurs » menacés', 'fr')).toBe('« Défenseurs » menacés');
    expect(titleCase('ONU : une Résolution', 'fr')).toBe('ONU : une Résolution');
  });

  it('keeps spacing and non-Latin words as typed', () => {
    expect(titleCase('families  of   خاوران', 'en')).toBe('Families  of   خاوران');
  });
});
