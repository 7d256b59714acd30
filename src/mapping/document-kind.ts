/** How the connector names a document kind in its (English) messages; pages translate at display time. */
export const documentKindLabel = (kind: "invoice" | "creditNote") => (kind === "invoice" ? "Invoice" : "Credit note");
