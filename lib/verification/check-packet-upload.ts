import { findPublishedDelivery, type PublishedDelivery } from '@/lib/deliveries/find-published-delivery';
import { AppError } from '@/lib/errors';
import { readUpTo } from '@/lib/http/read-up-to';
import { enforceLimit } from '@/lib/rate-limit/enforce-limit';
import { NOT_PUBLISHED, PUBLISHED_DIFFERS, PacketRefused, verifyPacket, type PacketCheck, type PacketProblem } from './verify-packet';

/** Packets are a few MiB; 64 MiB leaves room for a long list of signatories in several formats. */
export const MAX_PACKET_UPLOAD_BYTES = 64 * 1024 * 1024;

const ZIP_TYPES = /^application\/(zip|x-zip-compressed|octet-stream)\s*(;|$)/i;

const STATUS_BY_REFUSAL = { 'not-a-zip': 'bad_request', 'unsafe-entry': 'validation', 'too-many-entries': 'validation', 'too-large': 'payload_too_large' } as const;

export type PacketUploadAnswer = {
  valid: boolean;
  delivery?: PublishedDelivery;
  problems: PacketProblem[];
  files: PacketCheck['files'];
  signatureRoot: PacketCheck['signatureRoot'] | null;
};

/**
 * POST /api/v1/verify: checks an uploaded packet as the verification page does in the browser,
 * and against the delivery its manifest names as published on the campaign's timeline.
 */
export async function checkPacketUpload(request: Request, options: { client?: string | null } = {}): Promise<PacketUploadAnswer> {
  if (!ZIP_TYPES.test(request.headers.get('content-type') ?? '')) {
    throw new AppError('unsupported_media_type', 'Send the packet as application/zip');
  }
  const tooLarge = `The packet must be at most ${MAX_PACKET_UPLOAD_BYTES / 1024 / 1024} MiB`;
  if (Number(request.headers.get('content-length') ?? '0') > MAX_PACKET_UPLOAD_BYTES) throw new AppError('payload_too_large', tooLarge);
  await enforceLimit('verify-packet-client', options.client ?? null);
  const zip = await readUpTo(request.body, MAX_PACKET_UPLOAD_BYTES);
  if (!zip) throw new AppError('payload_too_large', tooLarge);

  let check: PacketCheck;
  try {
    check = verifyPacket(zip);
  } catch (error) {
    if (error instanceof PacketRefused) throw new AppError(STATUS_BY_REFUSAL[error.reason], error.message);
    throw error;
  }

  const problems = [...check.problems];
  const delivery = check.manifest ? await findPublishedDelivery(check.manifest.delivery.id) : null;
  if (check.manifest && !delivery) problems.push(NOT_PUBLISHED);
  if (delivery && delivery.manifestSha256 !== check.manifestSha256) problems.push(PUBLISHED_DIFFERS);
  return {
    valid: problems.length === 0,
    ...(delivery ? { delivery } : {}),
    problems,
    files: check.files,
    signatureRoot: check.signatureRoot ?? null,
  };
}
