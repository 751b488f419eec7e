// POST /webhooks/stripe: Stripe's (or the sandbox's) signed events. The signature covers the raw
// bytes, so the body is read as bytes (answerStripeWebhook, shared with /webhooks/stripe-connect),
// never as text nor through a JSON parser (Express mounts none). Everything else is
// app/models/payment.server.ts.
import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveStripeWebhook } from "~/models/payment.server";
import { answerStripeWebhook, refuseWebhookGet } from "~/utils/stripe-webhook.server";

export function action({ request, context }: ActionFunctionArgs) {
  return answerStripeWebhook(request, context.now(), receiveStripeWebhook);
}

export function loader() {
  return refuseWebhookGet();
}
