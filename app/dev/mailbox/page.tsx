import Link from 'next/link';
import { orNotFound } from '@/lib/http/or-not-found';
import { listDevMailbox } from '@/lib/mail/read-dev-mailbox';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Dev mailbox', robots: { index: false } };

export default async function DevMailboxPage() {
  const mails = await orNotFound(listDevMailbox());
  return (
    <main className="container">
      <h1>Dev mailbox</h1>
      <p className="notice">
        RESEND_API_KEY is not set, so mail is kept here instead of being sent. This page does not exist in production.
      </p>
      {mails.length === 0 ? (
        <p>No mail yet.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>#</th>
              <th>To</th>
              <th>Subject</th>
              <th>Status</th>
              <th>Written</th>
            </tr>
          </thead>
          <tbody>
            {mails.map((mail) => (
              <tr key={mail.id}>
                <td>{mail.id}</td>
                <td>{mail.to}</td>
                <td>
                  <Link href={`/dev/mailbox/${mail.id}`}>{mail.subject}</Link>
                </td>
                <td>{mail.status}</td>
                <td>{mail.createdAt.replace('T', ' ').slice(0, 19)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
