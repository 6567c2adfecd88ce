import { NotFoundNotice } from '@/app/(public)/not-found-notice';
import { PublicFrame } from '@/app/(public)/public-frame';

/** An unknown or unpublished letter, in the language of the address; cached like the letters themselves. */
export default function LetterNotFound() {
  return (
    <PublicFrame>
      <NotFoundNotice />
    </PublicFrame>
  );
}
