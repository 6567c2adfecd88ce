import { Body, Container, Head, Hr, Html, Preview, Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';

export type LayoutProps = { lang: string; dir: 'ltr' | 'rtl'; preview: string; footer: string; children: ReactNode };

const body = { backgroundColor: '#f6f5f2', fontFamily: 'Georgia, "Times New Roman", serif', color: '#1b1b1b' };
const container = { backgroundColor: '#ffffff', margin: '24px auto', padding: '32px', maxWidth: '560px', borderRadius: '6px' };
const footerStyle = { color: '#5c5c5c', fontSize: '13px', lineHeight: '20px' };

/** Plain transactional frame: no images, no tracking, no marketing (double opt-in mail must carry none). */
export function Layout({ lang, dir, preview, footer, children }: LayoutProps) {
  return (
    <Html lang={lang} dir={dir}>
      <Head />
      <Preview>{preview}</Preview>
      {/* dir again on the body and container: some mail clients drop the <html> element's attributes. */}
      <Body style={body} dir={dir}>
        <Container style={container} dir={dir}>
          <Section>{children}</Section>
          <Hr />
          <Text style={footerStyle}>{footer}</Text>
        </Container>
      </Body>
    </Html>
  );
}

export const paragraph = { fontSize: '16px', lineHeight: '26px' };
export const heading = { fontSize: '22px', lineHeight: '30px', margin: '0 0 16px' };
export const button = {
  backgroundColor: '#1d3b6e',
  color: '#ffffff',
  padding: '12px 20px',
  borderRadius: '4px',
  fontSize: '16px',
  textDecoration: 'none',
  display: 'inline-block',
};
export const small = { fontSize: '13px', lineHeight: '20px', color: '#5c5c5c', wordBreak: 'break-all' as const };
