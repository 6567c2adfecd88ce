import { NotFoundNotice } from '@/app/(public)/not-found-notice';

export default function OrganiserNotFound() {
  return <NotFoundNotice />;
}
