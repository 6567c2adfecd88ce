/**
 * Re-wraps every campaign's data key with the current DATA_ENCRYPTION_KEY: `npm run keys:rotate`.
 * Run it once every process has DATA_ENCRYPTION_KEY (new) and DATA_ENCRYPTION_KEY_PREVIOUS (old);
 * see docs/security.md.
 */
import { closeDb, getDb } from '@/db/client';
import { rotateMasterKey } from '@/lib/crypto/rotate-master-key';
import { getEnv } from '@/lib/env';

async function main() {
  const env = getEnv();
  if (!env.previousDataEncryptionKey) {
    console.log('DATA_ENCRYPTION_KEY_PREVIOUS is unset: only data keys already wrapped by DATA_ENCRYPTION_KEY can be checked.');
  }
  const { rewrapped, remaining } = await rotateMasterKey(await getDb());
  console.log(`re-wrapped ${rewrapped} campaign key(s); ${remaining} still wrapped by another master key`);
  await closeDb();
  if (remaining > 0) process.exit(1);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
