/** Applies the committed migrations to the configured database: `npm run db:migrate`. */
import { closeDb, getDb, getDbKind } from '@/db/client';

getDb()
  .then(async () => {
    console.log(`migrations applied (${await getDbKind()})`);
    await closeDb();
  })
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
