import type { Child } from "hono/jsx";

const STYLE = `
body{font-family:system-ui,sans-serif;margin:0;color:#1d2433;background:#f6f7f9}
header{background:#24324a;color:#fff;padding:.6rem 1rem;display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
header a{color:#cfe0ff;text-decoration:none}main{padding:1rem;max-width:1100px;margin:auto}
table{border-collapse:collapse;width:100%;background:#fff;font-size:.9rem}th,td{border-bottom:1px solid #e3e6eb;padding:.35rem .5rem;text-align:left}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}button{background:#2f6fde;color:#fff;border:0;border-radius:4px;padding:.45rem .9rem;cursor:pointer}
button.secondary{background:#8a94a6}.consent{background:#fff;padding:1.5rem;border-radius:8px;max-width:28rem;margin:2rem auto}
.error{color:#b42318}.muted{color:#6b7385}.tag{display:inline-block;padding:0 .4rem;border-radius:3px;background:#e8eefb;font-size:.8rem}
form.inline{display:inline}
`;

export function Layout(props: { title: string; children?: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <style>{STYLE}</style>
      </head>
      <body>
        <header>
          <strong>Sandbox</strong>
          <a href="/">Home</a>
          <a href="/teamleader">Teamleader</a>
          <a href="/exact">Exact Online</a>
        </header>
        <main>{props.children}</main>
      </body>
    </html>
  );
}
