import { toBase64 } from "../crypto/base64";
import { AppError } from "../errors";
import * as exactApi from "../exact/api";
import type { SourceDocument } from "../mapping/source";
import * as tl from "../teamleader/api";
import type { ConnectionContext } from "./context";

export const pdfKey = (connectionId: string, doc: SourceDocument) =>
  `pdf/${connectionId}/${doc.kind}/${doc.id}/${doc.updatedAt.replace(/[^0-9A-Za-z]/g, "")}.pdf`;

/** The document's PDF: from the R2 cache, or downloaded from Teamleader's temporary location and cached. */
export async function documentPdf(ctx: ConnectionContext, doc: SourceDocument): Promise<Uint8Array> {
  const key = pdfKey(ctx.connection.id, doc);
  const cached = await ctx.env.PDFS.get(key);
  if (cached) return new Uint8Array(await cached.arrayBuffer());
  const { location } =
    doc.kind === "invoice" ? await tl.invoicesDownload(ctx.tl, doc.id) : await tl.creditNotesDownload(ctx.tl, doc.id);
  const response = await fetch(location);
  if (!response.ok)
    throw new AppError(
      "UPSTREAM_UNAVAILABLE",
      `Teamleader's PDF download for ${doc.number} answered HTTP ${response.status}.`,
      { source: "teamleader" },
    );
  const bytes = new Uint8Array(await response.arrayBuffer());
  await ctx.env.PDFS.put(key, bytes, { httpMetadata: { contentType: "application/pdf" } });
  return bytes;
}

/** Uploads the PDF to Exact as a sales-invoice document (Type 10) with its attachment; 2 Exact calls. */
export async function uploadPdf(ctx: ConnectionContext, doc: SourceDocument, accountId: string): Promise<string> {
  const bytes = await documentPdf(ctx, doc);
  const label = doc.kind === "invoice" ? "Factuur" : "Creditnota";
  const created = await exactApi.createDocument(ctx.exact, {
    Subject: `${label} ${doc.number}`,
    Type: 10,
    Account: accountId,
    DocumentDate: doc.date,
  });
  await exactApi.createDocumentAttachment(
    ctx.exact,
    created.ID,
    `${label}-${doc.number.replace(/[^\w-]+/g, "-")}.pdf`,
    toBase64(bytes),
  );
  return created.ID;
}
