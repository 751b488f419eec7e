// A database that goes away while the server runs (a restart, a failover, a network cut): every
// loader and action that fails because it cannot be reached answers 503 with Retry-After, which
// the root ErrorBoundary shows as "the market is unavailable for a moment" instead of a 500. The
// pool reconnects by itself when the database is back (app/utils/db.server.ts), so pages recover
// without a restart.
import type { ServerBuild } from "@remix-run/node";
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from "../app/utils/db.server";
import { createTranslator } from "../app/i18n";
import { getLocale } from "../app/utils/i18n.server";

// A loader or an action: both take one argument and may return a promise.
type Handler = (args: never) => unknown;

function answering503<F extends Handler>(handler: F, page: boolean): F {
  const wrapped = async (args: Parameters<F>[0]) => {
    try {
      return await handler(args);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      // The visitor's language, read from the cookie or Accept-Language without the database.
      const locale = await getLocale((args as { request: Request }).request);
      const headers = { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS), "Cache-Control": "no-store" };
      // A page's thrown Response keeps its status through Remix to the browser's ErrorBoundary
      // (an Error would be sanitised into a 500), with the language, since the root loader that
      // reads it failed too. A resource route's is sent as it is: a sentence.
      if (page) throw Response.json({ unavailable: true, locale }, { status: 503, headers });
      throw new Response(createTranslator(locale)("error.unavailable"), {
        status: 503,
        headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" },
      });
    }
  };
  // Same argument, same result (awaited), or the same error but for the one turned into a 503.
  return wrapped as unknown as F;
}

/** The same build, its loaders and actions answering 503 while the database cannot be reached. */
export function withDatabaseOutageAnswers(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    if (!route) continue;
    const { loader, action, default: component } = route.module;
    const page = component !== undefined;
    routes[id] = {
      ...route,
      module: {
        ...route.module,
        ...(loader ? { loader: answering503(loader, page) } : {}),
        ...(action ? { action: answering503(action, page) } : {}),
      },
    };
  }
  return { ...build, routes };
}
