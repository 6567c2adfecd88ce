import { describe, expect, it } from 'vitest';
import { canonicaliseEmail } from '@/lib/signatures/canonicalise-email';

describe('canonicaliseEmail', () => {
  it.each([
    ['Ana.Velez@Example.org', 'ana.velez@example.org'],
    ['  ana@example.org  ', 'ana@example.org'],
    ['ana+letters@example.org', 'ana@example.org'],
    ['ANA+One+Two@EXAMPLE.ORG', 'ana@example.org'],
    ['jane.doe@gmail.com', 'janedoe@gmail.com'],
    ['J.a.n.e.Doe+petitions@GoogleMail.com', 'janedoe@gmail.com'],
  ])('%s is the same person as %s', (input, expected) => {
    expect(canonicaliseEmail(input)).toBe(expected);
  });

  it('keeps addresses that differ in more than case, spaces or tag apart', () => {
    expect(canonicaliseEmail('ana@example.org')).not.toBe(canonicaliseEmail('ana@example.com'));
    expect(canonicaliseEmail('ana.v@example.org')).not.toBe(canonicaliseEmail('anav@example.org'));
  });

  it('follows Gmail: dots ignored, googlemail.com is gmail.com', () => {
    expect(canonicaliseEmail('jane.doe@gmail.com')).toBe(canonicaliseEmail('janedoe@googlemail.com'));
  });

  it('does not strip a leading plus, which would leave no local part', () => {
    expect(canonicaliseEmail('+ana@example.org')).toBe('+ana@example.org');
  });
});
