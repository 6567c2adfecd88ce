import Link from 'next/link';
import { notFound } from 'next/navigation';
import { orNotFound } from '@/lib/http/or-not-found';
import { readDevMail } from '@/lib/mail/read-dev-mailbox';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Dev mailbox', robots: { index: false } };

export default async function DevMailPage({ params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id < 1) notFound();
  const mail = await orNotFound(readDevMail(id));
  return (
    <main className="container">
      <p>
        <Link href="/dev/mailbox">← Dev mailbox</Link>
      </p>
      <h1>{mail.subject}</h1>
      <dl>
        <dt>From</dt>
        <dd>{mail.from}</dd>
        <dt>To</dt>
        <dd>{mail.to}</dd>
        {mail.attachments.length ? (
          <>
            <dt>Attachments</dt>
            <dd>{mail.attachments.map((file) => `${file.filename} (${file.bytes.toLocaleString('en')} bytes)`).join(', ')}</dd>
          </>
        ) : null}
      </dl>
      {mail.html ? (
        // The mail's HTML is shown in a sandboxed frame: no scripts, links open outside it.
        <iframe title="Mail" srcDoc={mail.html} sandbox="allow-popups allow-top-navigation-by-user-activation" style={{ width: '100%', height: '32rem', border: '1px solid #ccc' }} />
      ) : null}
      <h2>Plain text</h2>
      <pre style={{ whiteSpace: 'pre-wrap' }}>{mail.text}</pre>
    </main>
  );
}
