import { describe, expect, it } from "vitest";
import { messageIn } from "../../src/web/messages-nl";

describe("Dutch for the connector's messages", () => {
  it("translates explanations, nested reasons and several mapping problems in one message", () => {
    expect(
      messageIn(
        "nl",
        'Invoice 2026 / 7 was not booked: Tax rate "21%" (21%) has no Exact VAT code. Choose one on the VAT mapping page. Ledger account 8300 (product category "Licenties") has no Exact GL account. Choose one on the ledger mapping page.',
      ),
    ).toBe(
      'Factuur 2026 / 7 is niet geboekt: Btw-tarief "21%" (21%) heeft geen Exact-btw-code. Kies er een op de pagina Btw-koppeling. Grootboeknummer 8300 (productcategorie "Licenties") heeft geen Exact-grootboekrekening. Kies er een op de pagina Grootboekkoppeling.',
    );
    expect(
      messageIn(
        "nl",
        "Changed in Teamleader after booking, but Exact entry 26700012 was not updated: Exact refused the change (Exact Online: Periode is afgesloten: 2026-01).",
      ),
    ).toBe(
      "Gewijzigd in Teamleader na het boeken, maar Exact-boeking 26700012 is niet bijgewerkt: Exact weigerde de wijziging (Exact Online: Periode is afgesloten: 2026-01).",
    );
    expect(messageIn("nl", "Credit note 2026 / 2 booked in Exact as entry 26700031 (EUR -121.00, with PDF).")).toBe(
      "Creditnota 2026 / 2 geboekt in Exact als boeking 26700031 (EUR -121.00, met pdf).",
    );
    expect(
      messageIn(
        "nl",
        "Exact Online: Exact Online no longer accepts this connection's authorisation (unauthorized_client: Old refresh token used.). Reconnect Exact Online.",
      ),
    ).toBe(
      "Exact Online: Exact Online accepteert de toestemming van deze koppeling niet meer (unauthorized_client: Old refresh token used.). Koppel Exact Online opnieuw.",
    );
  });

  it("translates the currency problems that block a document", () => {
    expect(
      messageIn(
        "nl",
        "Invoice 2026 / 9 was not booked: Exact journal 70 takes only EUR, so this USD document cannot be booked in it. In Exact, allow variable currency on journal 70 (its journal settings), or choose a sales journal that does.",
      ),
    ).toBe(
      "Factuur 2026 / 9 is niet geboekt: Exact-dagboek 70 neemt alleen EUR aan, dus dit document in USD kan er niet in geboekt worden. Sta in Exact variabele valuta toe op dagboek 70 (instellingen van het dagboek), of kies een verkoopdagboek dat dat doet.",
    );
    expect(
      messageIn(
        "nl",
        "Teamleader's exchange rate (USD → GBP, 0.79) does not convert this USD document into EUR, the currency of the Exact division; not booked. Book this department in an Exact division kept in GBP, or correct the exchange rate in Teamleader.",
      ),
    ).toBe(
      "De wisselkoers in Teamleader (USD → GBP, 0.79) rekent dit document in USD niet om naar EUR, de valuta van de Exact-administratie; niet geboekt. Boek deze afdeling in een Exact-administratie in GBP, of corrigeer de wisselkoers in Teamleader.",
    );
  });

  it("translates what the engine says about unclear writes, unreadable documents, VAT numbers and payments", () => {
    expect(
      messageIn(
        "nl",
        "Invoice 2026 / 9 was already in Exact as entry 26700009 (Exact's answer to the POST was unclear (HTTP 500)); it was linked, not booked again.",
      ),
    ).toBe(
      "Factuur 2026 / 9 stond al in Exact als boeking 26700009 (het antwoord van Exact op het boeken was onduidelijk (HTTP 500)); gekoppeld, niet opnieuw geboekt.",
    );
    expect(
      messageIn(
        "nl",
        "Invoice 2026 / 4 could not be read: Teamleader answered /invoices.info with an unexpected shape at data.total.",
      ),
    ).toBe(
      "Factuur 2026 / 4 kon niet gelezen worden: Teamleader answered /invoices.info with an unexpected shape at data.total.",
    );
    expect(
      messageIn(
        "nl",
        'Customer "Café" was created in Exact without its VAT number NL001234567B02: its check digit is wrong, and Exact refuses such a number. Correct it in Teamleader and Exact.',
      ),
    ).toBe(
      'Klant "Café" is in Exact aangemaakt zonder btw-nummer NL001234567B02: het controlecijfer klopt niet, en zo\'n nummer weigert Exact. Verbeter het in Teamleader en Exact.',
    );
    expect(
      messageIn(
        "nl",
        "Invoice 2026 / 1 is fully paid in Exact (entry 26700001); EUR 111.00 registered as paid in Teamleader on 2026-11-30 (Teamleader showed 121.00 due; Exact's receivable was 111.00).",
      ),
    ).toBe(
      "Factuur 2026 / 1 is volledig betaald in Exact (boeking 26700001); EUR 111.00 als betaald geregistreerd in Teamleader op 2026-11-30 (Teamleader toonde 121.00 openstaand; de vordering in Exact was 111.00).",
    );
  });

  it("leaves English alone, and text it does not know as it is", () => {
    expect(messageIn("en", "Paused by a user.")).toBe("Paused by a user.");
    expect(messageIn("nl", "Paused by a user.")).toBe("Gepauzeerd door een gebruiker.");
    expect(messageIn("nl", "Exact Online: Ongeldig: Klant (Type)")).toBe("Exact Online: Ongeldig: Klant (Type)");
    expect(messageIn("nl", "Something new")).toBe("Something new");
    expect(messageIn("nl", null)).toBe("");
  });
});
