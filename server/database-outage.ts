// A database that goes away while the server runs (a restart, a failover, a network cut): every
// loader and action that fails because it cannot be reached answers 503 with Retry-After, which
// the root ErrorBoundary shows as "the market is unavailable for a moment" instead of a 500. The
// pool reconnects by itself when the database is back (app/utils/db.server.ts), so pages recover
// without a restart.
import type { ServerBuild } from "@remix-run/node";
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from "../app/utils/db.server";

// A loader or an action: both take one argument and may return a promise.
type Handler = (args: never) => unknown;

function answering503<F extends Handler>(handler: F): F {
  const wrapped = async (args: Parameters<F>[0]) => {
    try {
      return await handler(args);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      // A thrown Response keeps its status through Remix to the browser's ErrorBoundary too
      // (an Error would be sanitised into a 500).
      throw new Response("The market is unavailable for a moment: the database cannot be reached.", {
        status: 503,
        statusText: "Service Unavailable",
        headers: { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS), "Cache-Control": "no-store" },
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
    const { loader, action } = route.module;
    routes[id] = {
      ...route,
      module: {
        ...route.module,
        ...(loader ? { loader: answering503(loader) } : {}),
        ...(action ? { action: answering503(action) } : {}),
      },
    };
  }
  return { ...build, routes };
}
