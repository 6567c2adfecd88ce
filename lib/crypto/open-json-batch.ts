import { Worker } from 'node:worker_threads';
import { associatedDataText, openJson, SEAL_NONCE_BYTES, SEAL_TAG_BYTES, SEAL_VERSION, SealError, type SealPurpose } from './seal';

/**
 * Opens many values sealed with sealJson (one key, purpose and owner), off the main thread: a
 * document of a million signers spends most of its CPU here, and a worker lets that overlap with
 * reading the next rows and writing the previous ones. Any value that does not open fails the
 * whole batch with SealError (fail closed). Small batches, or a process without workers, open
 * here. The worker holds the key only for the batch it is given.
 */
export async function openJsonBatch<T>(key: Uint8Array, purpose: SealPurpose, owner: string, sealed: readonly Uint8Array[]): Promise<T[]> {
  if (sealed.length < WORKER_MIN) return sealed.map((value) => openJson<T>(key, purpose, owner, value));
  const worker = decryptWorker();
  if (!worker) return sealed.map((value) => openJson<T>(key, purpose, owner, value));
  const offsets = new Uint32Array(sealed.length + 1);
  for (let i = 0; i < sealed.length; i++) offsets[i + 1] = offsets[i] + sealed[i].byteLength;
  const packed = new Uint8Array(offsets[sealed.length]);
  for (let i = 0; i < sealed.length; i++) packed.set(sealed[i], offsets[i]);
  const text = await worker.run({ key: Uint8Array.from(key), aad: associatedDataText(purpose, owner), packed, offsets });
  if (text === null) throw new SealError();
  return JSON.parse(text) as T[];
}

const WORKER_MIN = 64;

// Plain JavaScript run by the worker (eval: no file for a bundler to miss). The format is
// seal.ts's: a version byte, the nonce, the ciphertext, the tag.
const SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createDecipheriv } = require('node:crypto');
parentPort.on('message', ({ id, key, aad, packed, offsets }) => {
  const k = Buffer.from(key.buffer, key.byteOffset, key.byteLength);
  const a = Buffer.from(aad, 'utf8');
  const all = Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength);
  const out = new Array(offsets.length - 1);
  try {
    for (let i = 0; i < out.length; i++) {
      const v = all.subarray(offsets[i], offsets[i + 1]);
      if (v.length < ${1 + SEAL_NONCE_BYTES + SEAL_TAG_BYTES} || v[0] !== ${SEAL_VERSION}) throw new Error('bad');
      const d = createDecipheriv('aes-256-gcm', k, v.subarray(1, ${1 + SEAL_NONCE_BYTES}));
      d.setAAD(a);
      d.setAuthTag(v.subarray(v.length - ${SEAL_TAG_BYTES}));
      const plain = d.update(v.subarray(${1 + SEAL_NONCE_BYTES}, v.length - ${SEAL_TAG_BYTES}));
      d.final();
      out[i] = plain.toString('utf8');
    }
    k.fill(0);
    parentPort.postMessage({ id, text: '[' + out.join(',') + ']' });
  } catch {
    k.fill(0);
    parentPort.postMessage({ id, text: null });
  }
});
`;

type Job = { key: Uint8Array; aad: string; packed: Uint8Array; offsets: Uint32Array };
type DecryptWorker = { run: (job: Job) => Promise<string | null> };

let shared: DecryptWorker | null | undefined;

/** One worker per process, made on first use; it keeps the process alive only while it has work. */
function decryptWorker(): DecryptWorker | null {
  if (shared !== undefined) return shared;
  try {
    const worker = new Worker(SOURCE, { eval: true });
    const waiting = new Map<number, { resolve: (text: string | null) => void; reject: (error: Error) => void }>();
    let nextId = 0;
    worker.unref();
    worker.on('message', ({ id, text }: { id: number; text: string | null }) => {
      waiting.get(id)?.resolve(text);
      waiting.delete(id);
      if (waiting.size === 0) worker.unref();
    });
    const fail = (error: Error) => {
      // A broken worker is dropped; the next batch makes a new one.
      shared = undefined;
      for (const job of waiting.values()) job.reject(error);
      waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', () => fail(new Error('the decryption worker stopped')));
    shared = {
      run: (job) =>
        new Promise((resolve, reject) => {
          const id = nextId++;
          waiting.set(id, { resolve, reject });
          worker.ref();
          worker.postMessage({ id, ...job }, [job.packed.buffer as ArrayBuffer, job.offsets.buffer as ArrayBuffer, job.key.buffer as ArrayBuffer]);
        }),
    };
  } catch {
    shared = null;
  }
  return shared;
}
