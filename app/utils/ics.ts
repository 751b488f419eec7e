// iCalendar (RFC 5545) for a market's sessions: `/m/<market>/agenda.ics`. Pure, no server
// dependencies, so it is tested on its own and could build the same file in the browser.
//
// Times are written as UTC instants (DTSTART:20261205T090000Z), not as TZID=Europe/Paris with a
// VTIMEZONE block. Sessions are stored as UTC instants already (recurring rules are expanded
// into concrete sessions when the organiser saves them, see models/schedule.ts), so UTC says
// exactly what we know, and every calendar app shows it in the reader's own zone, which for a
// town's residents is the market's zone. TZID would require a VTIMEZONE block (RFC 5545 3.6.5)
// with the zone's DST rules written out correctly for every year the sessions span; a wrong or
// missing one shifts events by an hour in some clients, and it would buy nothing since we
// publish no RRULE. X-WR-TIMEZONE still names the market's zone for the apps that read it
// (Apple Calendar, Google) to label the calendar.

export type IcsSession = {
  id: string;
  startsAt: Date | string;
  endsAt: Date | string;
  cancelledAt?: Date | string | null;
};

export type MarketCalendarInput = {
  marketName: string;
  townName: string;
  /** IANA timezone of the market, e.g. "Europe/Paris". */
  timezone: string;
  /** Absolute address of the market's page. */
  url: string;
  /** One short line shown in each event's notes. */
  description: string;
  sessions: readonly IcsSession[];
  /** When the file is produced (DTSTAMP). */
  now: Date;
};

export const ICS_PRODID = "-//Chalet//Market sessions//FR";
const CRLF = "\r\n";
const MAX_OCTETS = 75;

/** TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return (
    value
      .replace(/\\/g, "\\\\")
      .replace(/;/g, "\\;")
      .replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n")
      // Other control characters are not allowed in a content line (3.1); tab is.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, "")
  );
}

// eslint-disable-next-line no-control-regex
const stripControls = (value: string) => value.replace(/[\u0000-\u001F\u007F]/g, "");

const utf8Length = (codePoint: number) => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);

/**
 * Folds a content line so no physical line exceeds 75 octets (3.1): continuation lines start
 * with one space, which counts towards their 75. Splits between characters only, never inside
 * a multi-byte UTF-8 sequence (an "é" is 2 octets, an emoji 4).
 */
export function foldLine(line: string): string {
  const lines: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0)!);
    if (octets + size > MAX_OCTETS) {
      lines.push(current);
      current = " ";
      octets = 1;
    }
    current += char;
    octets += size;
  }
  lines.push(current);
  return lines.join(CRLF);
}

/** 2026-12-05T09:00:00.000Z → 20261205T090000Z (UTC "form #2", 3.3.5). */
export function formatUtc(date: Date | string): string {
  return new Date(date)
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

/** Joins content lines, folded, with CRLF after every line including the last. */
export function serializeLines(lines: readonly string[]): string {
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/**
 * The market's calendar: one VEVENT per session that is not cancelled, in time order.
 * Organisers' overrides (open now, extend, close now) are not published: they are decided on
 * the day, and the page and the sockets carry them.
 */
export function buildMarketCalendar(input: MarketCalendarInput): string {
  const sessions = input.sessions
    .filter((s) => !s.cancelledAt)
    .sort((a, b) => new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime());
  const dtstamp = formatUtc(input.now);
  const lines = [
    "BEGIN:VCALENDAR",
    `PRODID:${ICS_PRODID}`,
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(input.marketName)}`,
    `X-WR-TIMEZONE:${escapeText(input.timezone)}`,
    // For apps that subscribe to the address instead of importing the file once (RFC 7986).
    "REFRESH-INTERVAL;VALUE=DURATION:PT6H",
    "X-PUBLISHED-TTL:PT6H",
  ];
  for (const session of sessions) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${session.id}@chalet`,
      `DTSTAMP:${dtstamp}`,
      `DTSTART:${formatUtc(session.startsAt)}`,
      `DTEND:${formatUtc(session.endsAt)}`,
      `SUMMARY:${escapeText(input.marketName)}`,
      `LOCATION:${escapeText(input.townName)}`,
      // URL is a URI value, not TEXT: no escaping (our addresses are percent-encoded already).
      `URL:${stripControls(input.url)}`,
      `DESCRIPTION:${escapeText(input.description)}`,
      "STATUS:CONFIRMED",
      // A market opening is something to know about, not a meeting: it does not make people busy.
      "TRANSP:TRANSPARENT",
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return serializeLines(lines);
}
