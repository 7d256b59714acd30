import type { Context } from "hono";
import { Layout } from "../pages/layout";

export interface ConsentProps {
  system: string;
  action: string;
  fields: Record<string, string>;
  user: string;
  scopes: string[];
}

/** The emulated consent screen: a person clicks Allow, or Deny (which returns error=access_denied). */
export function consentPage(c: Context, props: ConsentProps) {
  return c.html(
    <Layout title={`${props.system} — authorise`}>
      <section class="consent">
        <h1>{props.system}</h1>
        <p>
          Signed in as <strong>{props.user}</strong>.
        </p>
        <p>
          <strong>Teamleader ↔ Exact Online connector</strong> asks for access to:
        </p>
        <ul>
          {props.scopes.map((scope) => (
            <li>{scope}</li>
          ))}
        </ul>
        <form method="post" action={props.action}>
          {Object.entries(props.fields).map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <button type="submit" name="decision" value="allow" id="allow">
            Allow
          </button>{" "}
          <button type="submit" name="decision" value="deny" id="deny" class="secondary">
            Deny
          </button>
        </form>
      </section>
    </Layout>,
  );
}

export function oauthErrorPage(c: Context, system: string, message: string) {
  return c.html(
    <Layout title={`${system} — error`}>
      <h1>{system}</h1>
      <p class="error">{message}</p>
    </Layout>,
    400,
  );
}
