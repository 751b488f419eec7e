// POST /webhooks/stripe-connect: Stripe's (or the sandbox's) signed Connect events, about the
// merchants' connected accounts. The request's handling is shared with /webhooks/stripe
// (answerStripeWebhook); everything else is app/models/connect-webhook.server.ts.
import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveConnectWebhook } from "~/models/connect-webhook.server";
import { answerStripeWebhook, refuseWebhookGet } from "~/utils/stripe-webhook.server";

export function action({ request, context }: ActionFunctionArgs) {
  return answerStripeWebhook(request, context.now(), receiveConnectWebhook);
}

export function loader() {
  return refuseWebhookGet();
}
