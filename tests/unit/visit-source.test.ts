import { describe, expect, it } from "vitest";
import { classifyDevice, classifyVisitSource, POSTER_QUERY } from "~/models/visit-source";

const page = "https://marche.rueil.fr/m/noel/miellerie";
const source = (referer: string | null, pageUrl = page, townWebsite = "https://www.villederueil.fr/agenda") =>
  classifyVisitSource({ referer, pageUrl, townWebsite });

describe("classifyVisitSource", () => {
  it("no referrer is DIRECT", () => {
    expect(source(null)).toBe("DIRECT");
    expect(source("")).toBe("DIRECT");
  });

  it("a page of the same site is INTERNAL, whatever its path", () => {
    expect(source("https://marche.rueil.fr/m/noel")).toBe("INTERNAL");
    expect(source("https://marche.rueil.fr/")).toBe("INTERNAL");
    // another port or host is another site
    expect(source("https://autre.rueil.fr/m/noel")).toBe("OTHER");
  });

  it("a poster's QR code, new and old markers, wins over the referrer", () => {
    expect(POSTER_QUERY).toBe("?via=qr");
    expect(source(null, page + POSTER_QUERY)).toBe("QR");
    expect(source("https://www.google.com/", page + POSTER_QUERY)).toBe("QR");
    expect(source(null, `${page}?utm_source=affiche&utm_medium=qr`)).toBe("QR");
    expect(source(null, `${page}?via=autre`)).toBe("DIRECT");
  });

  it("the town's website, with or without www., on any of its pages", () => {
    expect(source("https://www.villederueil.fr/")).toBe("TOWN");
    expect(source("https://villederueil.fr/actualites/noel")).toBe("TOWN");
    expect(source("http://www.villederueil.fr/")).toBe("TOWN");
    expect(source("https://villederueil.fr/", page, "https://villederueil.fr")).toBe("TOWN");
    expect(source("https://www.villederueil.fr/", page, "villederueil.fr")).toBe("OTHER"); // not a URL
    expect(source("https://www.villederueil.fr/", page, "")).toBe("OTHER");
    expect(source("https://villedenanterre.fr/")).toBe("OTHER");
  });

  it("social networks and messaging apps", () => {
    for (const referer of [
      "https://www.facebook.com/",
      "https://m.facebook.com/story.php",
      "https://l.facebook.com/l.php?u=x",
      "https://lm.facebook.com/",
      "https://www.instagram.com/",
      "https://t.co/abc",
      "https://x.com/",
      "https://twitter.com/",
      "https://www.linkedin.com/feed/",
      "https://web.whatsapp.com/",
      "https://www.tiktok.com/",
      "https://www.pinterest.fr/",
      "https://www.youtube.com/",
      "https://www.snapchat.com/",
      "https://www.threads.net/",
      "https://mastodon.social/@rueil",
      "https://piaille.fr/",
    ]) {
      expect(source(referer), referer).toBe("SOCIAL");
    }
    // a look-alike is not one
    expect(source("https://notfacebook.com/")).toBe("OTHER");
  });

  it("search engines, Google and Yahoo under any country's domain", () => {
    for (const referer of [
      "https://www.google.com/",
      "https://www.google.fr/",
      "https://www.google.co.uk/",
      "https://www.bing.com/search?q=marche",
      "https://www.qwant.com/",
      "https://duckduckgo.com/",
      "https://www.ecosia.org/search",
      "https://fr.search.yahoo.com/",
      "https://www.startpage.com/",
      "https://search.lilo.org/",
    ]) {
      expect(source(referer), referer).toBe("SEARCH");
    }
    expect(source("https://google.example.com/")).toBe("OTHER");
  });

  it("anything else is OTHER, an app's referrer too", () => {
    expect(source("https://blog.example.org/noel")).toBe("OTHER");
    expect(source("android-app://com.google.android.gm/")).toBe("OTHER");
    expect(source("pas une adresse")).toBe("DIRECT");
  });
});

describe("classifyDevice", () => {
  it("phones and tablets are PHONE, computers DESKTOP", () => {
    const phone = [
      "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      "Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      "Mozilla/5.0 (iPad; CPU OS 16_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
      "Mozilla/5.0 (Android 14; Mobile; rv:132.0) Gecko/132.0 Firefox/132.0",
    ];
    for (const ua of phone) expect(classifyDevice(ua), ua).toBe("PHONE");
    const desktop = [
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
    ];
    for (const ua of desktop) expect(classifyDevice(ua), ua).toBe("DESKTOP");
  });
});
