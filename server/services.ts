// What server/index.ts takes from the app. It is bundled into the Remix build, not loaded beside
// it: app/entry.server.tsx re-exports it as `services`, and the server reads it from
// `build.entry.module`. The routes and the sockets, scheduler, sweeper and Stripe sandbox thus share
// one copy of every module (one pool, one Stripe client, one stock registry, one set of memos).
// Only server/database.ts runs before the build, from source: it chooses DATABASE_URL, which the
// build's pool reads when it loads.
export { env, listenHost } from "../app/utils/env.server";
export { catalogueVersion, db, dropPublicPageMemos, endDatabasePool } from "../app/utils/db.server";
export { uploadBodyBytes } from "../app/utils/body-limits.server";
export { photoStorage } from "../app/utils/photo-storage.server";
export { configureStripeSandbox, getStripe, sandboxCredentials } from "../app/utils/stripe.server";
export { rooms } from "../app/realtime/events";
export { broadcast } from "../app/realtime/broadcast.server";
export { onStockChanged } from "../app/models/stock-events.server";
export {
  flushStockBroadcasts,
  observeStockBroadcasts,
  startStockBroadcaster,
} from "../app/realtime/stock-broadcaster.server";
export { cspNonce, limitBodies, sameOriginOnly, securityHeaders } from "./http-guards";
export { clientAddress, compileTrustProxy } from "./client-address";
export { withDatabaseOutageAnswers } from "./database-outage";
export { servePhotos } from "./uploads";
export { createStripeSandbox, insertSandboxAccount, setSandboxAccountState } from "./stripe-sandbox";
export { createRealtime } from "./realtime";
export { createScheduler } from "./scheduler";
export { createHoldSweeper } from "./hold-sweeper";
export { attachRedisAdapter } from "./realtime-adapter";
export { announceCatalogueChanges } from "./cache-announcements";
export { flushVisits, startVisitCounter } from "../app/models/visit.server";

// Models that tests and benchmarks call as the routes do: a source import of them would be another
// copy of the app, whose writes this server's memos and sockets never hear of.
export { deleteChatMessage, muteChatAuthor } from "../app/models/chat-moderation.server";
export { closeNow, openNow } from "../app/models/market-schedule.server";
export { releaseOrder } from "../app/models/order-checkout.server";
export { reserveOrder } from "../app/models/order-reserve.server";
export { setOrderLineStatus } from "../app/models/order-lines.server";
export { sendDueDigests, tellLinesReady } from "../app/models/order-alerts.server";
export { insertRefundRow, processRefund } from "../app/models/refund.server";
export { transferOrder } from "../app/models/stall-transfer.server";
export { requestTransferReversal } from "../app/models/transfer-reversal.server";
export { changeStock } from "../app/models/product.server";
export { announceSetupLink } from "../app/models/setup.server";
