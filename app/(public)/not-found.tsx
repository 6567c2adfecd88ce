import { NotFoundNotice } from './not-found-notice';

export default function PublicNotFound() {
  return <NotFoundNotice />;
}
