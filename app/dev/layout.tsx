import { getLocale } from 'next-intl/server';
import { Document } from '@/app/document';

export default async function DevLayout({ children }: { children: React.ReactNode }) {
  return <Document locale={await getLocale()}>{children}</Document>;
}
