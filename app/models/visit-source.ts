// Where a page view came from and on which kind of device, from what the request carries anyway
// (Referer, the page's URL, User-Agent). Pure: app/models/visit.server.ts calls it per counted view,
// tests/unit/visit-source.test.ts checks each case. Nothing here identifies anyone.
import type { StoredVisitSource, VisitDevice } from "./report";

/**
 * What a poster's QR code adds to the page's address (app/components/poster.server.ts): short, so
 * the code stays small. Posters printed before it carry `?utm_source=affiche&utm_medium=qr`, which
 * counts as QR too.
 */
export const POSTER_QUERY = "?via=qr";

function fromPoster(page: URL): boolean {
  const q = page.searchParams;
  return q.get("via") === "qr" || (q.get("utm_source") === "affiche" && q.get("utm_medium") === "qr");
}

/** Hosts (and their subdomains) of social networks and messaging apps that pass a referrer. */
const SOCIAL_HOSTS = [
  "facebook.com",
  "fb.com",
  "fb.me",
  "messenger.com",
  "instagram.com",
  "x.com",
  "twitter.com",
  "t.co",
  "linkedin.com",
  "lnkd.in",
  "whatsapp.com",
  "wa.me",
  "tiktok.com",
  "pinterest.com",
  "pinterest.fr",
  "pin.it",
  "youtube.com",
  "youtu.be",
  "snapchat.com",
  "threads.net",
  "threads.com",
  "bsky.app",
  "reddit.com",
  "telegram.org",
  "t.me",
  "discord.com",
  "tumblr.com",
  "mastodon.social",
  "mastodon.online",
  "mstdn.social",
  "piaille.fr",
  "framapiaf.org",
  "mamot.fr",
];

/** Search engines; Google and Yahoo under any country's domain ("google.fr", "fr.search.yahoo.com"). */
const SEARCH_HOSTS = [
  "bing.com",
  "qwant.com",
  "duckduckgo.com",
  "ecosia.org",
  "startpage.com",
  "lilo.org",
  "search.brave.com",
  "yandex.com",
  "yandex.ru",
  "baidu.com",
  "ask.com",
];

/** "www." and "m." (mobile sites) say nothing about where someone came from. */
function bareHost(host: string): string {
  return host.toLowerCase().replace(/^(www\d*|m|mobile)\./, "");
}

function hostIs(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

function parse(url: string | null | undefined): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

export type VisitSourceInput = {
  /** The request's Referer header (null when absent). */
  referer: string | null;
  /** The page's own URL, as the server received it (its origin is the site's). */
  pageUrl: string;
  /** The town's website (Town.websiteUrl), "" when unknown. */
  townWebsite: string;
};

export function classifyVisitSource({ referer, pageUrl, townWebsite }: VisitSourceInput): StoredVisitSource {
  const page = parse(pageUrl);
  // A poster's code wins: a phone's camera app sends no referrer, but some scanners do.
  if (page && fromPoster(page)) return "QR";
  const from = parse(referer);
  if (!from || (from.protocol !== "http:" && from.protocol !== "https:")) {
    // android-app://com.google.android.gm and the like: an app, not a page.
    return from ? "OTHER" : "DIRECT";
  }
  if (page && from.host.toLowerCase() === page.host.toLowerCase()) return "INTERNAL";
  const host = bareHost(from.hostname);
  const town = parse(townWebsite);
  if (town && host === bareHost(town.hostname)) return "TOWN";
  if (SOCIAL_HOSTS.some((d) => hostIs(host, d))) return "SOCIAL";
  // google.fr, google.co.uk, news.google.com…; yahoo.com, fr.search.yahoo.com…
  if (/(^|\.)google(\.[a-z]{2,3}){1,2}$/.test(host) || /(^|\.)yahoo(\.[a-z]{2,3}){1,2}$/.test(host)) return "SEARCH";
  if (SEARCH_HOSTS.some((d) => hostIs(host, d))) return "SEARCH";
  return "OTHER";
}

// Phones and tablets ("Mobi" is in every phone browser's agent, by Mozilla's advice; Android
// tablets drop it but keep "Android"). iPadOS asks for desktop pages as a Mac: counted as one.
const PHONE_AGENT = /Mobi|Android|iPhone|iPad|iPod|Tablet|Kindle|Silk|PlayBook|BlackBerry|Opera Mini|IEMobile/i;

export function classifyDevice(userAgent: string): VisitDevice {
  return PHONE_AGENT.test(userAgent) ? "PHONE" : "DESKTOP";
}
