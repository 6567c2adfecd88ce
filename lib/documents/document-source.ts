import type { Writable } from 'node:stream';
import type { Addressee, HrcStatementDetails } from '@/db/schema/campaigns';
import type { SignatoryFilters } from '@/lib/signatories/filters';
import type { Signatory, SignatoryCounts } from '@/lib/signatories/signatory';

/** What every document knows of the letter it delivers. */
export type DocumentContext = {
  campaign: {
    slug: string;
    /** The letter's public address, printed in footers. */
    url: string;
    kind: 'letter' | 'call' | 'hrc-statement';
    title: string;
    summary: string | null;
    /** Markdown. */
    letter: string;
    demands: string[];
    addressees: Addressee[];
    /** The campaign's language (BCP 47 primary tag): the document's language. */
    language: string;
    organisedBy: string | null;
    place: string | null;
    hrc: HrcStatementDetails | null;
  };
  /** The version now in force, whose text the document prints. */
  version: { number: number; sha256: string; createdAt: string };
  /** Every version the signatories in this document were given, oldest first. */
  versions: { number: number; sha256: string; signatories: number }[];
  counts: SignatoryCounts;
  filters: SignatoryFilters;
  generatedAt: Date;
};

/**
 * A writer's whole input. `read` may be called more than once (a PDF counts its pages in a
 * first pass); each call streams the signatories afresh, page by page.
 */
export type DocumentSource = {
  context: DocumentContext;
  read: (order: 'date' | 'section') => AsyncIterable<Signatory[]>;
};

/** A document writer: a pure function from a source to bytes written to `out`, which it ends. */
export type DocumentWriter = (source: DocumentSource, out: Writable) => Promise<void>;
