// The REST side of the sandbox: the /v1 endpoints the app calls through the official SDK,
// with Stripe's authentication, form encoding, idempotency and error bodies.
import { createHash } from "node:crypto";
import express, { type Request, type Response, type Router } from "express";
import { db } from "../../app/utils/db.server";
import {
  createSession,
  expandSession,
  expireSession,
  lineItemsOfSession,
  requireSession,
  type SandboxClock,
} from "./checkout";
import { invalidRequest, noSuch, SandboxError } from "./errors";
import { FormSyntaxError, parseStripeForm, type FormObject } from "./form";
import { newId } from "./ids";
import { API_VERSION, type EventRequest } from "./objects";
import { expandList } from "./params";
import { createRefund, retrieveRefund } from "./refunds";
import { readObject } from "./store";
import { registerAccountRoutes } from "./account-routes";

export type ApiOptions = SandboxClock & {
  apiKey: string;
  publicUrl: () => string;
  /** Called after anything that may have recorded an event, so delivery starts at once. */
  onChange: () => void;
};

export type Call = { params: FormObject; request: EventRequest; id: string; pathParams: Record<string, string> };
export type Handler = (call: Call) => Promise<unknown>;
/** Wraps an endpoint with authentication, form parsing, idempotency (POST) and Stripe's errors. */
export type Handle = (method: "GET" | "POST", handler: Handler) => (req: Request, res: Response) => Promise<void>;

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

function send(res: Response, status: number, body: unknown) {
  res
    .status(status)
    .type("application/json")
    .send(JSON.stringify(body, null, 2));
}

function authenticate(req: Request, apiKey: string): string {
  const header = req.get("authorization") ?? "";
  let key = "";
  if (/^bearer /i.test(header)) key = header.slice(7).trim();
  else if (/^basic /i.test(header)) key = Buffer.from(header.slice(6), "base64").toString("utf8").split(":")[0];
  if (!key) {
    throw new SandboxError(401, {
      type: "invalid_request_error",
      message:
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    });
  }
  if (key !== apiKey) {
    throw new SandboxError(401, {
      type: "invalid_request_error",
      message: `Invalid API Key provided: ${key.slice(0, 8)}${"*".repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`,
    });
  }
  return key;
}

function parse(encoded: string): FormObject {
  try {
    return parseStripeForm(encoded);
  } catch (error) {
    if (error instanceof FormSyntaxError) throw invalidRequest(error.message, error.param, "parameter_invalid_string");
    throw error;
  }
}

/** Canonical form of a request for the idempotency comparison: key order does not matter. */
function requestHash(method: string, path: string, params: FormObject): string {
  const canonical = (value: unknown): unknown =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
        )
      : Array.isArray(value)
        ? value.map(canonical)
        : value;
  return createHash("sha256")
    .update(JSON.stringify([method, path, canonical(params)]))
    .digest("hex");
}

export function createApiRouter(options: ApiOptions): Router {
  const router = express.Router();
  const inFlight = new Set<string>();
  // Only the API reads bodies here: the app's own routes (and /webhooks/stripe) keep theirs untouched.
  router.use("/v1", express.text({ type: () => true, limit: "256kb" }));

  const handle: Handle =
    (method, handler) =>
    async (req: Request, res: Response): Promise<void> => {
      const requestId = newId.request();
      res.setHeader("Request-Id", requestId);
      res.setHeader("Stripe-Version", req.get("stripe-version") ?? API_VERSION);
      let lockedKey: string | null = null;
      try {
        const apiKey = authenticate(req, options.apiKey);
        const query = req.url.includes("?") ? req.url.slice(req.url.indexOf("?") + 1) : "";
        const params = parse(method === "GET" ? query : typeof req.body === "string" ? req.body : "");
        const idempotencyKey = method === "POST" ? (req.get("idempotency-key") ?? null) : null;
        const call: Call = {
          params,
          request: { id: requestId, idempotency_key: idempotencyKey },
          id: req.params.id ?? "",
          pathParams: req.params as Record<string, string>,
        };
        if (!idempotencyKey) {
          send(res, 200, await handler(call));
          return;
        }
        if (idempotencyKey.length > 255) {
          throw invalidRequest(
            "Idempotency-Key must be at most 255 characters.",
            undefined,
            "idempotency_key_too_long",
          );
        }
        res.setHeader("Idempotency-Key", idempotencyKey);
        const storeKey = `${apiKey}:${idempotencyKey}`;
        const hash = requestHash(method, req.path, params);
        const now = options.now();
        // Claimed before the stored answer is read: a request whose read started before another
        // one's answer was stored, and ended after that one let go, would run a second time.
        if (inFlight.has(storeKey)) {
          throw new SandboxError(409, {
            type: "idempotency_error",
            message: `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${idempotencyKey}. Please try again later.`,
          });
        }
        inFlight.add(storeKey);
        lockedKey = storeKey;
        const saved = await db.stripeSandboxIdempotency.findUnique({ where: { key: storeKey } });
        if (saved && saved.createdAt.getTime() > now.getTime() - IDEMPOTENCY_TTL_MS) {
          if (saved.requestHash !== hash) {
            throw new SandboxError(400, {
              type: "idempotency_error",
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
            });
          }
          res.setHeader("Idempotent-Replayed", "true");
          res.status(saved.status).type("application/json").send(saved.body);
          return;
        }
        const result = await handler(call);
        const body = JSON.stringify(result, null, 2);
        // Only results of requests that ran are kept, as at Stripe (a refused parameter is not).
        await db.stripeSandboxIdempotency.deleteMany({
          where: { createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_TTL_MS) } },
        });
        await db.stripeSandboxIdempotency.upsert({
          where: { key: storeKey },
          create: { key: storeKey, requestHash: hash, status: 200, body, createdAt: now },
          update: { requestHash: hash, status: 200, body, createdAt: now },
        });
        res.status(200).type("application/json").send(body);
      } catch (error) {
        if (error instanceof SandboxError) {
          send(res, error.status, error.toJSON());
        } else {
          console.error("Stripe sandbox:", error);
          send(res, 500, {
            error: { type: "api_error", message: "An unknown error occurred in the Stripe sandbox." },
          });
        }
      } finally {
        if (lockedKey) inFlight.delete(lockedKey);
        if (method === "POST") options.onChange();
      }
    };

  router.post(
    "/v1/checkout/sessions",
    handle("POST", ({ params }) => createSession(params, options, options.publicUrl())),
  );
  router.get(
    "/v1/checkout/sessions/:id",
    handle("GET", async ({ params, id }) => expandSession(await requireSession(db, id), expandList(params))),
  );
  router.get(
    "/v1/checkout/sessions/:id/line_items",
    handle("GET", ({ id }) => lineItemsOfSession(id)),
  );
  router.post(
    "/v1/checkout/sessions/:id/expire",
    handle("POST", ({ id, request }) => expireSession(id, request, options)),
  );
  router.post(
    "/v1/refunds",
    handle("POST", ({ params, request }) => createRefund(params, request, options)),
  );
  router.get(
    "/v1/refunds/:id",
    handle("GET", ({ id }) => retrieveRefund(id)),
  );
  router.get(
    "/v1/payment_intents/:id",
    handle("GET", async ({ id, params }) => {
      const intent = await readObject(db, "payment_intent", id);
      if (!intent) throw noSuch("payment_intent", id, "intent");
      if (expandList(params).includes("latest_charge") && typeof intent.latest_charge === "string") {
        return { ...intent, latest_charge: await readObject(db, "charge", intent.latest_charge) };
      }
      return intent;
    }),
  );
  router.get(
    "/v1/charges/:id",
    handle(
      "GET",
      async ({ id }) => (await readObject(db, "charge", id)) ?? Promise.reject(noSuch("charge", id, "charge")),
    ),
  );
  router.get(
    "/v1/events/:id",
    handle("GET", async ({ id }) => (await readObject(db, "event", id)) ?? Promise.reject(noSuch("event", id, "id"))),
  );
  registerAccountRoutes(router, handle, options);
  router.all("/v1/*", (req, res) => {
    send(res, 404, {
      error: {
        type: "invalid_request_error",
        message: `Unrecognized request URL (${req.method}: ${req.path}). The Stripe sandbox emulates only what Chalet uses: see docs/stripe-sandbox.md.`,
      },
    });
  });
  return router;
}
