/** Creates the demo campaign if it is missing: `npm run db:seed`. */
import { closeDb } from '@/db/client';
import { seedDemo } from '@/lib/demo/seed-demo';

seedDemo()
  .then(async (created) => {
    console.log(created ? 'demo campaign created: /c/free-the-harbour-street-five' : 'demo campaign already there');
    await closeDb();
  })
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
