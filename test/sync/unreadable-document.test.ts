import { beforeEach, describe, expect, it } from "vitest";
import * as tl from "../../src/teamleader/api";
import { teamleaderClient } from "../helpers/clients";
import { bookableDocuments, createConnection, eventsOf, exactEntries, pairsOf } from "../helpers/connection";
import { sandbox } from "../helpers/sandbox";

describe("a document Teamleader answers in a shape we cannot read", () => {
  beforeEach(() => sandbox.reset("demo", false));

  it("fails alone, naming the document and the field; the others book and payments still come back", async () => {
    const { id, stub, department, division } = await createConnection();
    await stub.sync(id, "manual");
    // An invoice paid in Exact since: payments back must still be reached in the run with the broken document.
    const { client } = await teamleaderClient();
    const booked = (await pairsOf(id)).filter((p) => p.tlType === "invoice");
    let open = null;
    for (const pair of booked) if ((await tl.invoicesInfo(client, pair.tlId)).status === "outstanding") open = pair;
    await sandbox.markPaid(open!.exactEntryId!);

    const fresh = [await sandbox.bookInvoice(), await sandbox.bookInvoice(), await sandbox.bookInvoice()];
    await sandbox.fault({
      method: "POST",
      path: "teamleader/invoices.info",
      kind: "malformed",
      field: "data.total.tax_inclusive.amount",
    });
    const run = await stub.sync(id, "manual");
    expect(run.error).toBeUndefined();
    expect(run.counts).toMatchObject({ failed: 1, booked: 2, paidBack: 1 });

    const broken = (await pairsOf(id)).find((p) => p.status === "failed")!;
    expect(fresh.map((f) => f.id)).toContain(broken.tlId);
    expect(broken.errorCode).toBe("UPSTREAM_BAD_RESPONSE");
    expect(broken.errorMessage).toContain(
      `Invoice ${fresh.find((f) => f.id === broken.tlId)!.number} could not be read`,
    );
    expect(broken.errorMessage).toContain("data.total.tax_inclusive.amount");
    expect((await eventsOf(id, "document.unreadable")).map((e) => e.documentPairId)).toEqual([broken.id]);

    const inExact = (await exactEntries(division)).map((e) => e.YourRef);
    for (const doc of fresh.filter((f) => f.id !== broken.tlId)) expect(inExact).toContain(doc.number);
    expect(inExact).not.toContain(fresh.find((f) => f.id === broken.tlId)!.number);
    expect(inExact).toHaveLength((await bookableDocuments(department.id)).length - 1);
  });

  it("a list answer with a field the sync does not read does not stop the listing", async () => {
    const { id, stub, department, division } = await createConnection();
    await sandbox.fault({
      method: "POST",
      path: "teamleader/invoices.list",
      kind: "malformed",
      field: "data.0.status",
    });
    const run = await stub.sync(id, "manual");
    expect(run.error).toBeUndefined();
    expect(await exactEntries(division)).toHaveLength((await bookableDocuments(department.id)).length);
  });
});
