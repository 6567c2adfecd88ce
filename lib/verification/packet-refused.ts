export type PacketRefusal = 'not-a-zip' | 'too-large' | 'unsafe-entry' | 'too-many-entries';

/**
 * A file that is not checked at all: not a zip, or a zip that could hurt whoever opens it
 * (paths out of the folder, a decompression bomb, hundreds of entries). Thrown, not reported as
 * a problem, since nothing in it can be trusted enough to describe.
 */
export class PacketRefused extends Error {
  readonly reason: PacketRefusal;

  constructor(reason: PacketRefusal, message: string) {
    super(message);
    this.name = 'PacketRefused';
    this.reason = reason;
  }
}
