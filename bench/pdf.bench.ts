/**
 * The delivery PDF with 10,000 and 100,000 synthetic signatories (in memory, no database):
 * writePdf streamed to a file, against a bare pdfkit baseline writing the same number of
 * plain lines in the same font (no bidi, no grouping, no page numbers), in the same run.
 *   npx tsx bench/pdf.bench.ts
 * Knobs: BENCH_SIZES (10000,100000). Each size and each side runs in a fresh child process,
 * which reports its wall time and peak RSS (process.resourceUsage().maxRSS).
 * Targets at 100,000: at most 45 s and 400 MB peak RSS.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import type { DocumentSource } from '../lib/documents/document-source';
import { SECTIONS, type Section, type Signatory, type SignatoryCounts } from '../lib/signatories/signatory';
import { machineLine, verdict } from './lib';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const COUNTRIES = ['AF', 'BR', 'CA', 'CH', 'DE', 'EG', 'ES', 'FR', 'GB', 'IN', 'IQ', 'IR', 'IT', 'JO', 'KE', 'LB', 'MA', 'MX', 'NG', 'NL', 'PK', 'SE', 'SY', 'TN', 'TR', 'US'];
const SHARES: Record<Section, number> = {
  'organisation-general': 0.002,
  'organisation-special': 0.005,
  'organisation-roster': 0.003,
  'organisation-none': 0.01,
  notable: 0.03,
  individual: 0.85,
  group: 0.05,
  paper: 0.05,
};
// Real lists repeat names; pools of 32 given names and 32 x 32 family names keep that, and
// BENCH_UNIQUE_NAMES=1 makes every given name unique (the worst case for pdfkit's word cache).
const UNIQUE = process.env.BENCH_UNIQUE_NAMES === '1';
const GIVEN = ['Helena', 'Zoë', 'Jean-Baptiste', 'Amara', 'Lucía', 'Tomás', 'Ingrid', 'Karim', 'Aisha', 'Mateo', 'Sofía', 'Liam', 'Noor', 'Elif', 'Jonas', 'Chiara', 'Wanjiru', 'Priya', 'Olumide', 'Margarethe', 'Bogdan', 'Saoirse', 'Thandiwe', 'Kenji', 'Ana', 'Yusuf', 'Léa', 'Rafael', 'Ingeborg', 'Émile', 'Marta', 'Dmitri'];
const ROOTS = ['Marsh', 'Ångström', 'Nguyễn', 'Okafor', 'Fernández', 'Dvořák', 'Sønder', 'Benali', 'Kowalski', 'Haddad', 'Müller', 'Rossi', 'Dubois', 'Silva', 'Kaya', 'Novak', 'Ivanova', 'Mensah', 'Oyelaran', 'Costa', 'Lindqvist', "O'Brien", 'Yılmaz', 'Tanaka', 'Moreau', 'Petrov', 'Nowak', 'Eriksen', 'García', 'Bianchi', 'Schmidt', 'Łukasz'];
const SUFFIXES = ['', '-Smith', 'son', 'berg', 'ini', 'ová', 'ez', 'ek', 'escu', 'oğlu', 'enko', 'sen', 'er', 'ing', 'elli', 'ier', 'stad', 'wood', 'ford', 'ley', 'ton', 'ard', 'ano', 'ović', 'ski', 'ian', 'dottir', 'eau', 'ani', 'ides', 'opoulos', 'i'];
const RTL = [['فریده', 'محمدی'], ['محمدرضا', 'حسینی‌نژاد'], ['عبدالله', 'الخطيب'], ['نرگس', 'رضایی'], ['ليلى', 'حداد'], ['سارا', 'کریمی'], ['أحمد', 'المصري']];

/** The i-th signatory of section `section`, deterministic, built on demand so the source holds nothing. */
function synthetic(i: number, section: Section, named: boolean, country: string, number: number): Signatory {
  const rtl = i % 20 === 7;
  const [given, family] = rtl ? RTL[i % RTL.length] : [GIVEN[(i * 7) % 32], ROOTS[(i * 13) % 32] + SUFFIXES[Math.floor(i / 32) % 32]];
  const kind: Signatory['kind'] = section.startsWith('organisation') ? 'organisation' : section === 'paper' ? 'individual' : (section as Signatory['kind']);
  const status = section.startsWith('organisation-') ? (section.slice(13) as Signatory['ecosocStatus']) : null;
  const source = section === 'paper' ? ('paper' as const) : ('online' as const);
  const review = (kind === 'notable' || kind === 'organisation') && i % 25 === 0 ? ('pending' as const) : ('approved' as const);
  const members = kind === 'group' ? 2 + (i % 9) : 1;
  return {
    number,
    section,
    kind,
    source,
    named,
    review,
    members,
    date: '2026-03-01',
    versionNumber: 1,
    country: named ? country : null,
    honorific: named && kind === 'notable' ? 'Prof.' : null,
    givenName: named ? (UNIQUE ? `${given}${i}` : given) : null,
    familyName: named ? family : null,
    title: !named ? null : kind === 'notable' ? (rtl ? 'أستاذ القانون الدولي (١٩٩٨–٢٠٢٠)' : 'Former UN Special Rapporteur on the situation of human rights (2004–2010)') : i % 3 === 0 ? (rtl ? 'وکیل دادگستری از سال ۱۴۰۲' : 'Teacher') : null,
    affiliation: named && (kind === 'notable' || i % 5 === 0) ? (rtl ? 'جامعة القاهرة' : 'University of Somewhere, Faculty of Law') : null,
    organisationName: named && kind === 'organisation' ? (rtl ? `کانون مدافعان حقوق بشر ${i}` : `League for Fictional Rights ${i}`) : null,
    ecosocStatus: named ? status : null,
    website: named && kind === 'organisation' && i % 2 === 0 ? `https://org${i}.example.org/` : null,
    groupLabel: named && kind === 'group' ? (rtl ? `خانواده‌ی ${family}` : `Family of ${given} ${family} ${i}`) : null,
    groupRelationship: named && kind === 'group' ? 'parents and siblings' : null,
  };
}

function syntheticSource(total: number): DocumentSource {
  const plan = SECTIONS.map((section) => {
    const size = Math.round(total * SHARES[section]);
    const withheld = Math.floor(size / 33);
    return { section, named: size - withheld, withheld };
  });
  const counts: SignatoryCounts = { total: 0, named: 0, withheld: 0, people: 0, online: 0, paper: 0, unreviewed: 0, byKind: { individual: 0, notable: 0, organisation: 0, group: 0 }, byVersion: {} };
  async function* read(): AsyncGenerator<Signatory[]> {
    let number = 0;
    let page: Signatory[] = [];
    for (const { section, named, withheld } of plan) {
      for (let i = 0; i < named + withheld; i++) {
        const isNamed = i < named;
        page.push(synthetic(i, section, isNamed, COUNTRIES[Math.floor((i * COUNTRIES.length) / Math.max(named, 1))] ?? 'US', ++number));
        if (page.length === 1000) {
          yield page;
          page = [];
        }
      }
    }
    if (page.length > 0) yield page;
  }
  return {
    context: {
      campaign: {
        slug: 'bench',
        url: 'https://letters.example.org/en/c/bench',
        kind: 'letter',
        title: 'Free the human rights defenders',
        summary: null,
        letter: 'Dear High Commissioner,\n\nWe write to you about the **detained** defenders.\n\n- Release them\n- Let monitors in',
        demands: ['Release them'],
        addressees: [{ name: 'Office of the High Commissioner for Human Rights', postalAddress: 'Palais des Nations\nCH-1211 Geneva 10' }],
        language: 'en',
        organisedBy: 'Bench',
        place: 'Geneva',
        hrc: null,
      },
      version: { number: 1, sha256: 'a'.repeat(64), createdAt: '2026-01-01T00:00:00Z' },
      versions: [{ number: 1, sha256: 'a'.repeat(64), signatories: total }],
      counts,
      filters: { reviewed: 'all', source: 'all' },
      generatedAt: new Date('2026-11-23T10:00:00Z'),
    },
    read,
  };
}

/** The counts countSignatories would give, from one pass over the generator. */
async function countInto(source: DocumentSource): Promise<void> {
  const counts = source.context.counts;
  for await (const page of source.read('section')) {
    for (const s of page) {
      counts.total++;
      counts[s.named ? 'named' : 'withheld']++;
      counts.people += s.members;
      counts[s.source]++;
      if (s.review === 'pending') counts.unreviewed++;
      counts.byKind[s.kind]++;
    }
  }
  counts.byVersion[1] = counts.total;
}

type Figures = { seconds: number; cpuSeconds: number; rssMb: number; bytes: number };

async function child(mode: 'app' | 'baseline', total: number): Promise<Figures> {
  const file = path.join(os.tmpdir(), `bench-pdf-${mode}-${total}.pdf`);
  const source = syntheticSource(total);
  await countInto(source);
  const out = createWriteStream(file);
  const started = performance.now();
  const cpu = process.cpuUsage();
  if (mode === 'app') {
    const { writePdf } = await import('../lib/documents/pdf/write-pdf');
    await writePdf(source, out);
  } else {
    const { default: PDFDocument } = await import('pdfkit');
    const { loadFonts } = await import('../lib/documents/pdf/fonts');
    const doc = new PDFDocument({ size: 'A4', margin: 62, font: '' });
    doc.registerFont('regular', loadFonts().regular);
    doc.font('regular').fontSize(9);
    doc.pipe(out);
    for await (const page of source.read('section')) {
      for (const s of page) {
        const name = s.named ? [s.honorific, s.givenName, s.familyName, s.title, s.affiliation, s.organisationName ?? s.groupLabel, s.country].filter(Boolean).join(', ') : 'Name withheld';
        doc.text(`${s.number}. ${name}`);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    doc.end();
    await finished(out);
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6, rssMb: process.resourceUsage().maxRSS / 1024, bytes: statSync(file).size };
}

function runChild(mode: 'app' | 'baseline', total: number): Figures {
  const result = spawnSync(process.execPath, ['--import', 'tsx', __filename, 'child', mode, String(total)], { cwd: path.join(__dirname, '..'), encoding: 'utf8', maxBuffer: 1 << 24 });
  const line = result.stdout.trim().split('\n').pop() ?? '';
  if (result.status !== 0 || !line.startsWith('{')) throw new Error(`${mode} ${total} failed: ${result.stderr.slice(-3000)}`);
  return JSON.parse(line) as Figures;
}

async function main() {
  if (process.argv[2] === 'child') {
    const figures = await child(process.argv[3] as 'app' | 'baseline', Number(process.argv[4]));
    console.log(JSON.stringify(figures));
    return;
  }
  console.log('Delivery PDF: letter + annex (sections, countries, ~5% Persian/Arabic, ~3% withheld), Page X of Y, streamed to a file');
  for (const total of SIZES) {
    const app = runChild('app', total);
    const baseline = runChild('baseline', total);
    const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
    console.log(`\n${total.toLocaleString('en-GB')} signatories`);
    console.log(`  writePdf        ${app.seconds.toFixed(1)} s (${app.cpuSeconds.toFixed(1)} s CPU), peak RSS ${app.rssMb.toFixed(0)} MB, ${mb(app.bytes)} MiB file`);
    console.log(`  bare pdfkit     ${baseline.seconds.toFixed(1)} s (${baseline.cpuSeconds.toFixed(1)} s CPU), peak RSS ${baseline.rssMb.toFixed(0)} MB, ${mb(baseline.bytes)} MiB file`);
    console.log(`  ratio           ${(app.seconds / baseline.seconds).toFixed(2)}x time (${(app.cpuSeconds / baseline.cpuSeconds).toFixed(2)}x CPU), ${(app.rssMb / baseline.rssMb).toFixed(2)}x peak RSS`);
    if (total === 100_000) console.log(`  target (≤ 45 s, ≤ 400 MB): ${verdict(app.seconds <= 45 && app.rssMb <= 400)}`);
  }
  console.log(`\n${machineLine()}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
