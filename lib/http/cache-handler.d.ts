/** Types for the plain-JavaScript cache handler (cache-handler.js), for the tests that use it. */
type CacheEntryValue = { kind: string; html?: unknown; headers?: Record<string, string | string[] | undefined> };

export default class PolicyStampingCache {
  constructor(ctx: { fs?: unknown; flushToDisk?: boolean; serverDistDir?: string; maxMemoryCacheSize?: number; revalidatedTags?: string[] });
  get(key: string, ctx: object): Promise<{ value: CacheEntryValue | null } | null>;
  set(key: string, data: CacheEntryValue | null, ctx: object): Promise<void>;
}
