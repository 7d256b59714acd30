import type { Env } from "../env";

/** The connector's home page: what this is, and where the local sandbox lives. */
export function HomePage(props: { env: Env; signedOut?: boolean }) {
  const sandbox = props.env.SANDBOX_URL;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Teamleader → Exact Online</title>
        <link rel="stylesheet" href="/static/app.css" />
      </head>
      <body>
        <main>
          <h1>Teamleader → Exact Online</h1>
          {props.signedOut ? <p>You are signed out.</p> : null}
          <p>
            Books every invoice and credit note from Teamleader Focus into Exact Online as a sales entry, once and only
            once, with the customer, VAT codes, ledger accounts and the invoice PDF; and marks Teamleader invoices paid
            when Exact shows them fully paid.
          </p>
          <p>
            One connection per Teamleader department. <a href="/install">Install: sign in with Teamleader</a> ·{" "}
            <a href="/connections">Your connections</a>
          </p>
          {sandbox ? (
            <section>
              <h2>Local sandbox</h2>
              <p>This instance talks to the local emulation of both APIs, with demo data:</p>
              <ul>
                <li>
                  <a href={sandbox}>Sandbox home</a>
                </li>
                <li>
                  <a href={`${sandbox}/teamleader`}>Teamleader: invoices and credit notes</a> (book a new invoice here)
                </li>
                <li>
                  <a href={`${sandbox}/exact`}>Exact Online: booked sales entries</a> (mark an entry fully paid here)
                </li>
              </ul>
            </section>
          ) : null}
        </main>
      </body>
    </html>
  );
}
