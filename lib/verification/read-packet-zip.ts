import { UnzipInflate } from 'fflate';
import { PacketRefused } from './packet-refused';

/** What a packet may hold. Real packets are a handful of files and well under these. */
export const PACKET_LIMITS = {
  entries: 32,
  entryBytes: 256 * 1024 * 1024,
  totalBytes: 512 * 1024 * 1024,
} as const;

/** Compressed bytes handed to the inflater at a time: deflate expands at most ~1,032 times, so one step stays near 16 MiB. */
const STEP = 16 * 1024;

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const STORED = 0;
const DEFLATED = 8;
const ENCRYPTED_FLAGS = 0x0001 | 0x0040;
const UTF8_FLAG = 0x0800;

/** Where an entry's uncompressed bytes go, chunk by chunk. */
export type EntrySink = {
  data(chunk: Uint8Array): void;
  end(): void;
  /** The entry's data is corrupt; what came before may be partial. */
  fail(): void;
};

type Entry = { name: string; method: number; dataStart: number; dataLength: number };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Walks a packet zip through its central directory, as unzip tools do, and streams each entry's
 * inflated bytes to `open(name)`. Refuses (PacketRefused) anything unsafe before a byte is inflated,
 * and stops the moment an entry or the whole passes its limit: declared sizes are never trusted.
 * Returns the entry names in directory order.
 */
export function readPacketZip(zip: Uint8Array, open: (name: string) => EntrySink): string[] {
  const entries = readDirectory(zip);
  let total = 0;
  for (const entry of entries) {
    const sink = open(entry.name);
    let size = 0;
    const take = (chunk: Uint8Array) => {
      size += chunk.length;
      total += chunk.length;
      if (size > PACKET_LIMITS.entryBytes) throw new PacketRefused('too-large', `${entry.name} inflates to more than 256 MiB`);
      if (total > PACKET_LIMITS.totalBytes) throw new PacketRefused('too-large', 'The packet inflates to more than 512 MiB');
      if (chunk.length) sink.data(chunk);
    };
    const data = zip.subarray(entry.dataStart, entry.dataStart + entry.dataLength);
    if (entry.method === STORED) {
      for (let at = 0; at < data.length; at += STEP) take(data.subarray(at, at + STEP));
      sink.end();
      continue;
    }
    let refusal: PacketRefused | null = null;
    let failed = false;
    const inflater = new UnzipInflate();
    inflater.ondata = (error, chunk) => {
      if (refusal) throw refusal;
      if (error) {
        failed = true;
        return;
      }
      try {
        take(chunk);
      } catch (thrown) {
        // fflate catches what its callback throws and calls back with it: keep the refusal to rethrow.
        if (thrown instanceof PacketRefused) refusal = thrown;
        throw thrown;
      }
    };
    for (let at = 0; !failed; at += STEP) {
      const last = at + STEP >= data.length;
      inflater.push(data.subarray(at, at + STEP), last);
      if (refusal) throw refusal;
      if (last) break;
    }
    if (failed) sink.fail();
    else sink.end();
  }
  return entries.map((e) => e.name);
}

function readDirectory(zip: Uint8Array): Entry[] {
  const end = findEndOfDirectory(zip);
  if (end < 0) throw new PacketRefused('not-a-zip', 'This file is not a zip archive');
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const count = view.getUint16(end + 10, true);
  if (count > PACKET_LIMITS.entries) throw new PacketRefused('too-many-entries', `The zip holds ${count} entries; a packet holds at most ${PACKET_LIMITS.entries}`);
  const directorySize = view.getUint32(end + 12, true);
  const directoryStart = view.getUint32(end + 16, true);
  if (view.getUint16(end + 4, true) !== 0 || view.getUint16(end + 8, true) !== count) {
    throw new PacketRefused('not-a-zip', 'This zip spans several disks');
  }
  if (directoryStart === 0xffffffff || directorySize === 0xffffffff) throw new PacketRefused('unsafe-entry', 'This zip uses ZIP64, which no packet needs');
  if (directoryStart + directorySize > end) throw new PacketRefused('not-a-zip', 'This zip is damaged: its directory is out of place');
  if (count > 0 && view.getUint32(0, true) !== LOCAL_HEADER) throw new PacketRefused('not-a-zip', 'This file is not a zip archive');

  const entries: Entry[] = [];
  const names = new Set<string>();
  let at = directoryStart;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL_HEADER) throw new PacketRefused('not-a-zip', 'This zip is damaged: its directory is broken');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localStart = view.getUint32(at + 42, true);
    const nameBytes = zip.subarray(at + 46, at + 46 + nameLength);
    const name = entryName(nameBytes, flags);
    if (names.has(name)) throw new PacketRefused('unsafe-entry', `The zip holds “${name}” twice`);
    names.add(name);
    if (flags & ENCRYPTED_FLAGS) throw new PacketRefused('unsafe-entry', `${name} is encrypted`);
    if (method !== STORED && method !== DEFLATED) throw new PacketRefused('unsafe-entry', `${name} uses a compression method packets never use (${method})`);
    if (compressedSize === 0xffffffff || localStart === 0xffffffff) throw new PacketRefused('unsafe-entry', `${name} uses ZIP64, which no packet needs`);
    entries.push({ name, method, dataStart: localData(zip, view, localStart, nameBytes, method, directoryStart), dataLength: compressedSize });
    const last = entries[entries.length - 1];
    if (last.dataStart + compressedSize > directoryStart) throw new PacketRefused('not-a-zip', `This zip is damaged: ${name} runs past its end`);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The local header must agree with the directory, since some tools read one and some the other. */
function localData(zip: Uint8Array, view: DataView, start: number, nameBytes: Uint8Array, method: number, limit: number): number {
  if (start + 30 > limit || view.getUint32(start, true) !== LOCAL_HEADER) throw new PacketRefused('not-a-zip', 'This zip is damaged: an entry is missing');
  const flags = view.getUint16(start + 6, true);
  const nameLength = view.getUint16(start + 26, true);
  const extraLength = view.getUint16(start + 28, true);
  const localName = zip.subarray(start + 30, start + 30 + nameLength);
  if (flags & ENCRYPTED_FLAGS) throw new PacketRefused('unsafe-entry', 'An entry is encrypted');
  if (view.getUint16(start + 8, true) !== method || !sameBytes(localName, nameBytes)) {
    throw new PacketRefused('unsafe-entry', 'The zip’s entries disagree with its directory');
  }
  return start + 30 + nameLength + extraLength;
}

/** A flat, plain file name: nothing an unzip tool could turn into a path elsewhere on the disk. */
function entryName(bytes: Uint8Array, flags: number): string {
  let name: string;
  try {
    name = flags & UTF8_FLAG ? strictUtf8.decode(bytes) : ascii(bytes);
  } catch {
    throw new PacketRefused('unsafe-entry', 'An entry’s name is not valid text');
  }
  const unsafe = name === '' || /[/\\\u0000-\u001f\u007f]/.test(name) || name.includes('..') || /^[A-Za-z]:/.test(name);
  if (unsafe) throw new PacketRefused('unsafe-entry', `The entry name “${printable(name)}” is not a plain file name`);
  return name;
}

function ascii(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    if (byte > 0x7e) throw new TypeError('not ASCII');
    out += String.fromCharCode(byte);
  }
  return out;
}

function printable(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 100);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The end-of-central-directory record: 22 bytes, possibly followed by a comment of up to 65,535. */
function findEndOfDirectory(zip: Uint8Array): number {
  if (zip.length < 22) return -1;
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const lowest = Math.max(0, zip.length - 22 - 0xffff);
  for (let at = zip.length - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY && at + 22 + view.getUint16(at + 20, true) === zip.length) return at;
  }
  return -1;
}
