import { Button, Heading, Link, Section, Text } from '@react-email/components';
import { Layout, button, heading, paragraph, small } from './components/layout';

/**
 * The one shape every Undersigned mail has: a heading, a few paragraphs, optionally one
 * button with its link also written out (for clients that strip buttons), and a footer.
 */
export type ActionEmailProps = {
  lang: string;
  dir: 'ltr' | 'rtl';
  preview: string;
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string; fallback: string };
  afterword?: string[];
  /** The signer's own withdrawal link: in every mail about a signature that exists. */
  withdraw?: { label: string; url: string };
  /** Blocks of labelled lines (a signer's data, one block per signature), each with its own link. */
  records?: { heading: string; lines: string[]; link?: { label: string; url: string } }[];
  footer: string;
};

const recordBox = { borderTop: '1px solid #ddd', paddingTop: '8px', marginTop: '8px' };

export default function ActionEmail(props: ActionEmailProps) {
  return (
    <Layout lang={props.lang} dir={props.dir} preview={props.preview} footer={props.footer}>
      <Heading as="h1" style={heading}>
        {props.heading}
      </Heading>
      {props.paragraphs.map((text, index) => (
        <Text key={index} style={paragraph}>
          {text}
        </Text>
      ))}
      {(props.records ?? []).map((record, index) => (
        <Section key={`r${index}`} style={recordBox}>
          <Text style={{ ...paragraph, fontWeight: 600 }}>{record.heading}</Text>
          {record.lines.map((line, at) => (
            <Text key={at} style={small}>
              {line}
            </Text>
          ))}
          {record.link ? (
            <Text style={small}>
              {record.link.label}{' '}
              <Link href={record.link.url} dir="ltr">
                {record.link.url}
              </Link>
            </Text>
          ) : null}
        </Section>
      ))}
      {props.action ? (
        <>
          <Button href={props.action.url} style={button}>
            {props.action.label}
          </Button>
          <Text style={small}>
            {props.action.fallback}{' '}
            <Link href={props.action.url} dir="ltr">
              {props.action.url}
            </Link>
          </Text>
        </>
      ) : null}
      {(props.afterword ?? []).map((text, index) => (
        <Text key={`a${index}`} style={paragraph}>
          {text}
        </Text>
      ))}
      {props.withdraw ? (
        <Text style={small}>
          {props.withdraw.label}{' '}
          <Link href={props.withdraw.url} dir="ltr">
            {props.withdraw.url}
          </Link>
        </Text>
      ) : null}
    </Layout>
  );
}

ActionEmail.PreviewProps = {
  lang: 'en',
  dir: 'ltr',
  preview: 'Confirm your signature',
  heading: 'Confirm your signature',
  paragraphs: ['You asked to sign "Release the Harbour Street Five". One click confirms it.'],
  action: {
    label: 'Confirm my signature',
    url: 'http://localhost:3000/confirm/EXAMPLE',
    fallback: 'If the button does not work, open this link:',
  },
  afterword: ['If you did not ask for this, ignore this email: nothing will be signed.'],
  footer: 'Sent by Undersigned for the organisers of this letter. You get this because this address was entered on the letter page.',
} satisfies ActionEmailProps;
