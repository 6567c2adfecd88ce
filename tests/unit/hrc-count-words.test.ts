import { describe, expect, it } from 'vitest';
import { countTextWords, countWords } from '@/lib/campaigns/hrc/count-words';

describe('countWords', () => {
  it('counts whitespace-separated tokens that hold a letter or digit', () => {
    expect(countWords('We call on the Council to act.')).toBe(7);
    expect(countWords('')).toBe(0);
    expect(countWords('   \n\n  ')).toBe(0);
  });

  it('counts a hyphenated word, an abbreviation and a number once each', () => {
    expect(countWords('A well-known case, e.g. the 2024 trial of 1,500 people.')).toBe(10);
    expect(countWords('long-term follow-up')).toBe(2);
  });

  it('does not count a dash standing between spaces', () => {
    expect(countWords('Arrests — and then silence - nothing more')).toBe(6);
    expect(countWords('— - – …')).toBe(0);
  });

  it('does not split a Persian word at its zero-width non-joiner', () => {
    expect(countWords('خانواده‌های دادخواه')).toBe(2);
    expect(countWords('محمدرضا حسینی‌نژاد')).toBe(2);
  });

  it('does not count Markdown syntax, only the text it shows', () => {
    expect(countWords('**Gravely** _concerned_ by *arbitrary* __arrests__')).toBe(5);
    expect(countWords('# Background\n\n## Recent events')).toBe(3);
    expect(countWords('- first point\n- second point\n* third\n+ fourth\n1. fifth\n2) sixth')).toBe(8);
    expect(countWords('> Quoted testimony here')).toBe(3);
    expect(countWords('See [the report of the Special Rapporteur](https://www.ohchr.org/en/documents/a-hrc-55-62)')).toBe(7);
    expect(countWords('Run `the command` now')).toBe(4);
  });

  it('keeps words of separate paragraphs and list items apart', () => {
    expect(countWords('end\n\nstart')).toBe(2);
    expect(countWords('- one\n- two')).toBe(2);
  });

  it('joins emphasis glued to a word, as the rendered text shows it', () => {
    expect(countWords('**un**lawful')).toBe(1);
  });

  it('counts plain text as typed, where asterisks are not markup', () => {
    expect(countTextWords('Amnesty International and Article 19 also share the views')).toBe(9);
    expect(countTextWords('« Défenseurs » — ONG')).toBe(2);
  });
});
