import { describe, expect, it } from "vitest";
import { buildMarketCalendar, escapeText, foldLine, formatUtc, ICS_PRODID } from "~/utils/ics";

const octets = (s: string) => Buffer.byteLength(s, "utf8");

/** Undoes folding (RFC 5545 3.1): a CRLF followed by one space or tab is removed. */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, "");

const base = {
  marketName: "Marché de Noël",
  townName: "Rueil",
  timezone: "Europe/Paris",
  url: "https://chalet.example/m/marche-de-noel",
  description: "Marché de Noël, Rueil. Les chalets en ligne : https://chalet.example/m/marche-de-noel",
  now: new Date("2026-11-20T10:11:12.345Z"),
  sessions: [
    { id: "s2", startsAt: "2026-12-06T09:00:00.000Z", endsAt: "2026-12-06T18:00:00.000Z" },
    { id: "s1", startsAt: new Date("2026-12-05T09:00:00Z"), endsAt: new Date("2026-12-05T18:00:00Z") },
    {
      id: "cancelled",
      startsAt: "2026-12-07T09:00:00.000Z",
      endsAt: "2026-12-07T18:00:00.000Z",
      cancelledAt: "2026-12-01T00:00:00.000Z",
    },
  ],
};

describe("escapeText", () => {
  it("escapes backslash, semicolon, comma and every kind of line break", () => {
    expect(escapeText("a\\b;c,d")).toBe("a\\\\b\\;c\\,d");
    expect(escapeText("un\r\ndeux\ntrois\rquatre")).toBe("un\\ndeux\\ntrois\\nquatre");
    // The backslash is escaped first, so an escaped comma is not escaped twice.
    expect(escapeText("\\,")).toBe("\\\\\\,");
  });

  it("drops control characters other than tab, which a content line may not hold", () => {
    expect(escapeText("a\u0000b\u001Fc\u007Fd\te")).toBe("abcd\te");
  });
});

describe("foldLine", () => {
  it("leaves a line of 75 octets alone and folds the 76th onto a line starting with a space", () => {
    const exact = "X".repeat(75);
    expect(foldLine(exact)).toBe(exact);
    expect(foldLine(`${exact}Y`)).toBe(`${exact}\r\n Y`);
  });

  it("folds a long French name with accents at 75 octets without splitting a character", () => {
    // Chosen so that the "ê" of "Fête" would straddle octets 75 and 76 of the first line.
    const name =
      "Grand Marché de Noël des Crèches et des Santons de Provence, Fête des Lumières à Saint-Étienne-de-Tinée, édition spéciale été-hiver";
    const line = `SUMMARY:${escapeText(name)}`;
    const folded = foldLine(line);
    const physical = folded.split("\r\n");
    expect(physical).toHaveLength(3);
    expect(octets(physical[0]!)).toBe(74);
    expect(physical[0]!.endsWith("F")).toBe(true);
    expect(physical[1]!.startsWith(" ête des Lumières")).toBe(true);
    for (const [i, part] of physical.entries()) {
      expect(octets(part)).toBeLessThanOrEqual(75);
      if (i > 0) expect(part.startsWith(" ")).toBe(true);
    }
    expect(unfold(folded)).toBe(line);
  });

  it("moves a 2-octet character whole to the next line when only one octet is left", () => {
    // 74 ASCII octets then "é" (2 octets): 76 would not fit, so "é" starts the next line.
    const folded = foldLine(`${"a".repeat(74)}é`);
    expect(folded).toBe(`${"a".repeat(74)}\r\n é`);
    // Same for a 4-octet character (an emoji) near the edge.
    const emoji = foldLine(`${"b".repeat(73)}🎄z`);
    expect(emoji).toBe(`${"b".repeat(73)}\r\n 🎄z`);
  });

  it("fills continuation lines to 75 octets including their leading space", () => {
    const folded = foldLine("c".repeat(75 + 74 + 10));
    expect(folded.split("\r\n").map(octets)).toEqual([75, 75, 11]);
  });
});

describe("formatUtc", () => {
  it("writes UTC instants in the basic form with a Z", () => {
    expect(formatUtc("2026-12-05T09:00:00.000Z")).toBe("20261205T090000Z");
    expect(formatUtc(new Date("2026-10-25T00:30:59.999Z"))).toBe("20261025T003059Z");
  });
});

describe("buildMarketCalendar", () => {
  const ics = buildMarketCalendar(base);

  it("is a VCALENDAR with CRLF line ends only, ending with CRLF", () => {
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const header = unfold(ics).split("\r\n").slice(0, 9);
    expect(header).toEqual([
      "BEGIN:VCALENDAR",
      `PRODID:${ICS_PRODID}`,
      "VERSION:2.0",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "X-WR-CALNAME:Marché de Noël",
      "X-WR-TIMEZONE:Europe/Paris",
      "REFRESH-INTERVAL;VALUE=DURATION:PT6H",
      "X-PUBLISHED-TTL:PT6H",
    ]);
  });

  it("has one event per session that is not cancelled, in time order, with UTC times", () => {
    const events = unfold(ics).split("BEGIN:VEVENT").slice(1);
    expect(events).toHaveLength(2);
    expect(ics).not.toContain("cancelled@chalet");
    expect(events[0]).toContain("\r\nUID:s1@chalet\r\n");
    expect(events[0]).toContain("\r\nDTSTART:20261205T090000Z\r\n");
    expect(events[0]).toContain("\r\nDTEND:20261205T180000Z\r\n");
    expect(events[1]).toContain("\r\nUID:s2@chalet\r\n");
    expect(events[1]).toContain("\r\nDTSTART:20261206T090000Z\r\n");
    for (const event of events) {
      expect(event).toContain("\r\nDTSTAMP:20261120T101112Z\r\n");
      expect(event).toContain("\r\nSUMMARY:Marché de Noël\r\n");
      expect(event).toContain("\r\nLOCATION:Rueil\r\n");
      expect(event).toContain("\r\nURL:https://chalet.example/m/marche-de-noel\r\n");
      expect(event).toContain(
        "\r\nDESCRIPTION:Marché de Noël\\, Rueil. Les chalets en ligne : https://chalet.example/m/marche-de-noel\r\n",
      );
      expect(event).toContain("\r\nEND:VEVENT\r\n");
    }
    // Begin and end markers balance.
    expect(ics.match(/^BEGIN:VEVENT$/gm)).toHaveLength(2);
    expect(ics.match(/^END:VEVENT\r$/gm)).toHaveLength(2);
  });

  it("never names a TZID, so no VTIMEZONE is needed", () => {
    expect(ics).not.toContain("TZID");
    expect(ics).not.toContain("VTIMEZONE");
  });

  it("escapes names and folds every physical line at 75 octets", () => {
    const tricky = buildMarketCalendar({
      ...base,
      marketName: "Marché; de Noël, « Lumières » \\ édition\nspéciale des Crèches et Santons de Haute-Provence",
      townName: "Saint-Étienne-de-Tinée, Alpes-Maritimes",
    });
    for (const line of tricky.split("\r\n")) expect(octets(line)).toBeLessThanOrEqual(75);
    const unfolded = unfold(tricky);
    expect(unfolded).toContain(
      "\r\nSUMMARY:Marché\\; de Noël\\, « Lumières » \\\\ édition\\nspéciale des Crèches et Santons de Haute-Provence\r\n",
    );
    expect(unfolded).toContain("\r\nLOCATION:Saint-Étienne-de-Tinée\\, Alpes-Maritimes\r\n");
    expect(unfolded).toContain(
      "\r\nX-WR-CALNAME:Marché\\; de Noël\\, « Lumières » \\\\ édition\\nspéciale des Crèches et Santons de Haute-Provence\r\n",
    );
  });

  it("is a calendar with no event when every session is cancelled or there are none", () => {
    const empty = buildMarketCalendar({ ...base, sessions: [] });
    expect(empty).not.toContain("BEGIN:VEVENT");
    expect(empty.endsWith("END:VCALENDAR\r\n")).toBe(true);
  });
});
