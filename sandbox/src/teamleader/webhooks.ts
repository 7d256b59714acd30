import type { Ref } from "../model";
import type { SandboxData } from "../state";

export const WEBHOOK_TYPES = new Set([
  "invoice.drafted",
  "invoice.booked",
  "invoice.updated",
  "invoice.deleted",
  "invoice.sent",
  "invoice.paymentRegistered",
  "invoice.paymentRemoved",
  "creditNote.booked",
  "creditNote.updated",
  "creditNote.deleted",
  "creditNote.sent",
  "company.added",
  "company.updated",
  "company.deleted",
  "contact.added",
  "contact.updated",
  "contact.deleted",
  "account.deactivated",
  "account.deleted",
  "user.deactivated",
]);

/**
 * Delivers an event to every registered URL that subscribed to its type. The payload names the entity
 * as `subject {type, id}` (the only key clients rely on); `type` and `account` are included as [I].
 */
export async function fireWebhooks(data: SandboxData, type: string, subject: Ref): Promise<void> {
  const account = data.tl.users.all()[0]?.account_id ?? "";
  const targets = data.tl.webhooks.filter((hook) => hook.types.includes(type));
  await Promise.all(
    targets.map(async (hook) => {
      const at = new Date(data.now()).toISOString();
      const body = JSON.stringify({ type, account: { type: "account", id: account }, subject });
      let status: number | null = null;
      let error: string | null = null;
      try {
        const response = await fetch(hook.url, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        status = response.status;
        await response.body?.cancel();
      } catch (cause) {
        error = cause instanceof Error ? cause.message : String(cause);
      }
      data.tl.deliveries.put(`${at}:${Math.random().toString(36).slice(2)}`, {
        at,
        url: hook.url,
        type,
        subject,
        status,
        error,
      });
    }),
  );
}

/** Teamleader wants HTTPS callbacks; the sandbox also lets loopback and *.test hosts use plain http for local runs. */
export function acceptableWebhookUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    if (url.protocol === "https:") return true;
    return (
      url.protocol === "http:" &&
      (/^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(url.hostname) ||
        url.hostname.endsWith(".test") ||
        url.hostname.endsWith(".localhost"))
    );
  } catch {
    return false;
  }
}
