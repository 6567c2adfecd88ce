import { describe, expect, it } from 'vitest';
import { supportersFootnote } from '@/lib/campaigns/hrc/supporters-footnote';

describe('supportersFootnote', () => {
  it('is absent without supporters', () => {
    expect(supportersFootnote([], 'en')).toBeNull();
    expect(supportersFootnote([], 'fr')).toBeNull();
  });

  it('agrees the verb with one or many NGOs in English', () => {
    expect(supportersFootnote(['Alpha'], 'en')).toBe('Alpha also shares the views expressed in this statement.');
    expect(supportersFootnote(['Alpha', 'Beta'], 'en')).toBe('Alpha and Beta also share the views expressed in this statement.');
    expect(supportersFootnote(['Alpha', 'Beta', 'Gamma'], 'en')).toBe('Alpha, Beta and Gamma also share the views expressed in this statement.');
  });

  it('is written in French', () => {
    expect(supportersFootnote(['Alpha'], 'fr')).toBe('Alpha partage également les opinions exprimées dans la présente déclaration.');
    expect(supportersFootnote(['Alpha', 'Beta', 'Gamma'], 'fr')).toBe(
      'Alpha, Beta et Gamma partagent également les opinions exprimées dans la présente déclaration.',
    );
  });

  it('is written in Spanish, with "e" before a name sounding /i/', () => {
    expect(supportersFootnote(['Alpha'], 'es')).toBe('Alpha también comparte las opiniones expresadas en esta declaración.');
    expect(supportersFootnote(['Alpha', 'Beta', 'Gamma'], 'es')).toBe('Alpha, Beta y Gamma también comparten las opiniones expresadas en esta declaración.');
    expect(supportersFootnote(['Alpha', 'Iniciativa Ciudadana'], 'es')).toBe(
      'Alpha e Iniciativa Ciudadana también comparten las opiniones expresadas en esta declaración.',
    );
    expect(supportersFootnote(['Alpha', 'Hielo Azul'], 'es')).toContain('Alpha y Hielo Azul');
  });

  it('prints names exactly as registered', () => {
    const names = ['Comité de Soutien aux Droits de l’Homme', "Women's Rights-Watch", 'Acción & Derechos'];
    expect(supportersFootnote(names, 'en')).toBe(`${names[0]}, ${names[1]} and ${names[2]} also share the views expressed in this statement.`);
  });
});
