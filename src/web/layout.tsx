import type { Child } from "hono/jsx";
import type { Session } from "./app-env";
import { type Lang, t } from "./i18n";

export const STYLESHEET = `
:root{--ink:#1d2433;--muted:#5f6b7d;--line:#dfe3ea;--brand:#2456c8;--bad:#b42318;--ok:#1a7f37;--bg:#f6f7f9}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;color:var(--ink);background:var(--bg)}
header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between;padding:.7rem 1rem;background:#fff;border-bottom:1px solid var(--line)}
header a{color:var(--ink);text-decoration:none}main{max-width:60rem;margin:0 auto;padding:1rem}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:1rem 1.25rem;margin:1rem 0}
label{display:block;margin:.4rem 0}select,input[type=text]{font:inherit;padding:.35rem;max-width:100%}
button{font:inherit;background:var(--brand);color:#fff;border:0;border-radius:6px;padding:.5rem 1rem;cursor:pointer}button.danger{background:var(--bad)}
.notice{border-left:4px solid var(--brand);padding:.5rem .8rem;background:#eef3ff}.error{border-left:4px solid var(--bad);padding:.5rem .8rem;background:#fdf0ef}
.muted{color:var(--muted)}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line)}
.lang a{margin-left:.5rem}nav.account{display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center}form.inline{display:inline;margin:0}button.link{background:none;color:var(--brand);padding:0;text-decoration:underline}progress{width:12rem;max-width:100%}
.date,.amount{white-space:nowrap}.amount{text-align:right}.steps{color:var(--muted);margin:.25rem 0}code{background:#eef1f5;padding:0 .25rem}
@media (max-width:40rem){main{padding:.5rem}th,td{padding:.3rem}table{display:block;overflow-x:auto}h1{font-size:1.4rem}
table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;overflow:visible}table.stack tr.head{display:none}
table.stack tr{border-bottom:1px solid var(--line);padding:.4rem 0}table.stack td{border:0;padding:.1rem 0;text-align:left}
table.stack td[data-label]:not(:empty)::before{content:attr(data-label) ": ";color:var(--muted)}}
`;

/** The page shell: server-rendered, no scripts, one stylesheet, a language switch on every page. */
export function Page(props: {
  lang: Lang;
  title: string;
  path: string;
  /** Signed in: who, a way to their connections, and the CSRF token for the sign-out form. */
  session?: Session;
  children?: Child;
}) {
  const other = props.lang === "nl" ? "en" : "nl";
  const session = props.session;
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${t(props.lang, "appName")}`}</title>
        <link rel="stylesheet" href="/static/app.css" />
      </head>
      <body>
        <header>
          <a href="/">
            <strong>{t(props.lang, "appName")}</strong>
          </a>
          <span class="lang">
            <a href={`${props.path}?lang=${other}`} hreflang={other}>
              {other === "nl" ? "Nederlands" : "English"}
            </a>
          </span>
          {session ? (
            <nav class="account">
              <a href="/connections">{t(props.lang, "connections")}</a>
              {session.name ? (
                <span class="muted" id="signed-in-as">
                  {t(props.lang, "signedInAs").replace("{name}", session.name)}
                </span>
              ) : null}
              <form method="post" action="/signout" class="inline">
                <CsrfField token={session.csrf} />
                <button type="submit" class="link">
                  {t(props.lang, "signOut")}
                </button>
              </form>
            </nav>
          ) : null}
        </header>
        <main>
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}

export const CsrfField = (props: { token: string }) => <input type="hidden" name="_csrf" value={props.token} />;
