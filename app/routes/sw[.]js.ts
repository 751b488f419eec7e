// The service worker, at the site's root so it may control every page: it shows the Web Push
// notifications the server sends (app/models/push.server.ts, PushMessage) and opens the page they
// name on a click. It caches nothing and handles no fetch: pages stay as the server serves them.
// no-cache: browsers look for a new version of a worker on each registration anyway, but a
// cached copy would keep an old one longer.
const WORKER = `
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("push", (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch {
    message = { body: event.data ? event.data.text() : "" };
  }
  event.waitUntil(
    self.registration.showNotification(message.title || "Chalet", {
      body: message.body || "",
      tag: message.tag,
      icon: "/favicon.svg",
      data: { url: message.url || "/" },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL((event.notification.data && event.notification.data.url) || "/", self.location.origin);
  // Only this site's pages.
  if (target.origin !== self.location.origin) return;
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      for (const w of windows) {
        if (new URL(w.url).pathname === target.pathname && "focus" in w) return w.focus();
      }
      return self.clients.openWindow(target.href);
    }),
  );
});
`;

export function loader() {
  return new Response(WORKER, {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": "no-cache",
      "Service-Worker-Allowed": "/",
    },
  });
}
