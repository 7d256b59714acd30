import { z } from "zod";
import type { TeamleaderClient } from "./client";
import * as S from "./schemas";

/** Typed Teamleader endpoints. Each is one RPC call (lists: one call per page of 100). */

export const usersMe = (tl: TeamleaderClient) => tl.call("users.me", {}, S.UserMe);

// departments.list is not paged.
export const departmentsList = (tl: TeamleaderClient) => tl.call("departments.list", {}, z.array(S.Department));

export interface DocumentListFilter {
  department_id: string;
  updated_since?: string;
  status?: ("draft" | "outstanding" | "matched")[];
  invoice_date_after?: string;
}

// Sorted by invoice date: new invoices land on the last page, so page numbers stay stable while a run resumes.
export const invoicePages = (tl: TeamleaderClient, filter: DocumentListFilter, startPage = 1) =>
  tl.pages("invoices.list", { filter, sort: [{ field: "invoice_date", order: "asc" }] }, S.InvoiceListItem, startPage);

export const invoicesInfo = (tl: TeamleaderClient, id: string) => tl.call("invoices.info", { id }, S.Invoice);

export const invoicesDownload = (tl: TeamleaderClient, id: string) =>
  tl.call("invoices.download", { id, format: "pdf" }, S.Download);

export interface PaymentInput {
  amount: number;
  currency: string;
  /** ISO-8601 datetime. */
  paidAt: string;
  paymentMethodId?: string;
}

export const invoicesRegisterPayment = (tl: TeamleaderClient, id: string, payment: PaymentInput) =>
  tl.action("invoices.registerPayment", {
    id,
    payment: { amount: payment.amount, currency: payment.currency },
    paid_at: payment.paidAt,
    ...(payment.paymentMethodId ? { payment_method_id: payment.paymentMethodId } : {}),
  });

export interface CreditNoteListFilter {
  department_id: string;
  updated_since?: string;
  credit_note_date_after?: string;
}

export const creditNotePages = (tl: TeamleaderClient, filter: CreditNoteListFilter, startPage = 1) =>
  tl.pages("creditNotes.list", { filter }, S.CreditNoteListItem, startPage);

export const creditNotesInfo = (tl: TeamleaderClient, id: string) =>
  tl.call("creditNotes.info", { id }, S.CreditNoteInfo);

export const creditNotesDownload = (tl: TeamleaderClient, id: string) =>
  tl.call("creditNotes.download", { id, format: "pdf" }, S.Download);

export const companiesInfo = (tl: TeamleaderClient, id: string) => tl.call("companies.info", { id }, S.Company);

export const contactsInfo = (tl: TeamleaderClient, id: string) => tl.call("contacts.info", { id }, S.Contact);

export const taxRatesList = (tl: TeamleaderClient, departmentId: string) =>
  tl.listAll("taxRates.list", { filter: { department_id: departmentId } }, S.TaxRate);

// productCategories.list is not paged.
export const productCategoriesList = (tl: TeamleaderClient, departmentId: string) =>
  tl.call("productCategories.list", { filter: { department_id: departmentId } }, z.array(S.ProductCategory));

export const webhooksList = (tl: TeamleaderClient) => tl.call("webhooks.list", {}, z.array(S.Webhook));

export const webhooksRegister = (tl: TeamleaderClient, url: string, types: string[]) =>
  tl.action("webhooks.register", { url, types });

export const webhooksUnregister = (tl: TeamleaderClient, url: string, types: string[]) =>
  tl.action("webhooks.unregister", { url, types });
