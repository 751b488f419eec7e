// Builders of the objects the sandbox returns, typed with the SDK's own declarations (API version
// 2026-10-28.endive), so a field Stripe always sends cannot be forgotten without a type error.
// Values are those real test mode gives a plain EUR card payment with hosted Checkout.
import type Stripe from "stripe";
import { newId } from "./ids";

export const API_VERSION = "2026-10-28.endive";

const NO_ADDRESS: Stripe.Address = {
  city: null,
  country: null,
  line1: null,
  line2: null,
  postal_code: null,
  state: null,
};

export type LineInput = {
  name: string;
  description: string | null;
  images: string[];
  unitAmount: number;
  quantity: number;
  currency: string;
  metadata: Record<string, string>;
};

export type SessionInput = {
  lines: LineInput[];
  currency: string;
  successUrl: string | null;
  cancelUrl: string | null;
  customerEmail: string | null;
  clientReferenceId: string | null;
  metadata: Record<string, string>;
  locale: Stripe.Checkout.Session.Locale | null;
  expiresAt: number;
  paymentMethodTypes: string[];
  allowedPaymentMethodTypes: string[] | null;
  submitType: Stripe.Checkout.Session.SubmitType | null;
};

export function buildLineItem(line: LineInput, created: number): Stripe.LineItem {
  const amount = line.unitAmount * line.quantity;
  const productId = newId.product();
  return {
    id: newId.lineItem(),
    object: "item",
    adjustable_quantity: null,
    amount_discount: 0,
    amount_subtotal: amount,
    amount_tax: 0,
    amount_total: amount,
    currency: line.currency,
    description: line.name,
    metadata: {},
    price: {
      id: newId.price(),
      object: "price",
      active: false,
      billing_scheme: "per_unit",
      created,
      currency: line.currency,
      custom_unit_amount: null,
      livemode: false,
      lookup_key: null,
      metadata: {},
      nickname: null,
      product: productId,
      recurring: null,
      tax_behavior: "unspecified",
      tiers_mode: null,
      transform_quantity: null,
      type: "one_time",
      unit_amount: line.unitAmount,
      unit_amount_decimal: String(line.unitAmount),
      // The SDK turns this string into its Decimal class when it reads a response; on the wire it is a string.
    } as unknown as Stripe.Price,
    quantity: line.quantity,
  };
}

export function buildSession(input: SessionInput, id: string, created: number, url: string): Stripe.Checkout.Session {
  const total = input.lines.reduce((sum, line) => sum + line.unitAmount * line.quantity, 0);
  return {
    id,
    object: "checkout.session",
    adaptive_pricing: { enabled: false },
    after_expiration: null,
    allow_promotion_codes: null,
    allowed_payment_method_types: input.allowedPaymentMethodTypes,
    amount_subtotal: total,
    amount_total: total,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    cancel_url: input.cancelUrl,
    client_reference_id: input.clientReferenceId,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created,
    currency: input.currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: null,
    customer_account: null,
    customer_creation: "if_required",
    customer_details: input.customerEmail
      ? {
          address: null,
          business_name: null,
          email: input.customerEmail,
          individual_name: null,
          name: null,
          phone: null,
          tax_exempt: "none",
          tax_ids: null,
        }
      : null,
    customer_email: input.customerEmail,
    discounts: [],
    expires_at: input.expiresAt,
    integration_identifier: null,
    invoice: null,
    invoice_creation: {
      enabled: false,
      invoice_data: {
        account_tax_ids: null,
        custom_fields: null,
        description: null,
        footer: null,
        issuer: null,
        metadata: {},
        rendering_options: null,
      },
    },
    livemode: false,
    locale: input.locale,
    managed_payments: null,
    metadata: input.metadata,
    mode: "payment",
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: "if_required",
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: input.paymentMethodTypes,
    payment_status: "unpaid",
    permissions: null,
    phone_number_collection: { enabled: false },
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: "open",
    submit_type: input.submitType,
    subscription: null,
    success_url: input.successUrl,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: "hosted",
    url,
    wallet_options: null,
  };
}

/** What the customer typed on the hosted page, enough to fill the payment method details. */
export type PaymentMethodInput =
  | { type: "card"; last4: string; brand: "visa"; expMonth: number; expYear: number; email: string }
  | { type: "sepa_debit"; last4: string; country: string; email: string };

export function buildPaymentIntent(args: {
  session: Stripe.Checkout.Session;
  description: string | null;
  metadata: Record<string, string>;
  paymentMethodId: string;
  method: PaymentMethodInput;
  created: number;
}): Stripe.PaymentIntent {
  const id = newId.paymentIntent();
  return {
    id,
    object: "payment_intent",
    allowed_payment_method_types: null,
    amount: args.session.amount_total ?? 0,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: "automatic_async",
    client_secret: `${id}_secret_${newId.secret()}`,
    confirmation_method: "automatic",
    created: args.created,
    currency: args.session.currency ?? "eur",
    customer: null,
    customer_account: null,
    description: args.description,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: args.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: args.paymentMethodId,
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: args.session.payment_method_types,
    payment_record: null,
    processing: null,
    receipt_email: null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: "requires_payment_method",
    transfer_data: null,
    transfer_group: null,
  };
}

export function buildCharge(args: {
  intent: Stripe.PaymentIntent;
  method: PaymentMethodInput;
  created: number;
}): Stripe.Charge {
  const { intent, method } = args;
  const id = newId.charge();
  const details: Stripe.Charge.PaymentMethodDetails =
    method.type === "card"
      ? {
          type: "card",
          card: {
            amount_authorized: intent.amount,
            authorization_code: null,
            brand: method.brand,
            electronic_commerce_indicator: null,
            transaction_link_id: null,
            checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: "pass" },
            country: "US",
            exp_month: method.expMonth,
            exp_year: method.expYear,
            extended_authorization: { status: "disabled" },
            fingerprint: newId.fingerprint(),
            funding: "credit",
            incremental_authorization: { status: "unavailable" },
            installments: null,
            last4: method.last4,
            mandate: null,
            multicapture: { status: "unavailable" },
            network: "visa",
            network_token: { used: false },
            network_transaction_id: newId.fingerprint(),
            overcapture: { maximum_amount_capturable: intent.amount, status: "unavailable" },
            regulated_status: "unregulated",
            three_d_secure: null,
            wallet: null,
          },
        }
      : {
          type: "sepa_debit",
          sepa_debit: {
            bank_code: "37040044",
            branch_code: null,
            country: method.country,

            fingerprint: newId.fingerprint(),
            last4: method.last4,
            mandate: null,
          },
        };
  return {
    id,
    object: "charge",
    amount: intent.amount,
    amount_captured: intent.amount,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: newId.balanceTransaction(),
    billing_details: { address: NO_ADDRESS, email: method.email, name: null, phone: null, tax_id: null },
    calculated_statement_descriptor: "CHALET",
    captured: true,
    created: args.created,
    currency: intent.currency,
    customer: null,
    description: intent.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    fraud_details: {},
    livemode: false,
    metadata: {},
    on_behalf_of: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: "approved_by_network",
      reason: null,
      risk_level: "normal",
      risk_score: 32,
      seller_message: "Payment complete.",
      type: "authorized",
    },
    paid: true,
    payment_intent: intent.id,
    payment_method: typeof intent.payment_method === "string" ? intent.payment_method : null,
    payment_method_details: details,
    receipt_email: null,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    refunds: { object: "list", data: [], has_more: false, url: `/v1/charges/${id}/refunds` },
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: "succeeded",
    transfer_data: null,
    transfer_group: null,
  };
}

export function buildRefund(args: {
  charge: Stripe.Charge;
  amount: number;
  reason: Stripe.Refund.Reason | null;
  metadata: Record<string, string>;
  created: number;
}): Stripe.Refund {
  const { charge } = args;
  const card = charge.payment_method_details?.type === "card";
  return {
    id: newId.refund(),
    object: "refund",
    amount: args.amount,
    balance_transaction: newId.balanceTransaction(),
    charge: charge.id,
    created: args.created,
    currency: charge.currency,
    customer: null,
    customer_account: null,
    // Stripe lists no destination details for a SEPA debit refund.
    ...(card
      ? {
          destination_details: {
            type: "card",
            card: { reference_status: "pending", reference_type: "acquirer_reference_number", type: "refund" },
          },
        }
      : {}),
    metadata: args.metadata,
    payment_intent: typeof charge.payment_intent === "string" ? charge.payment_intent : null,
    payment_method: charge.payment_method,
    reason: args.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: "succeeded",
    transfer_reversal: null,
  };
}

export type EventRequest = { id: string | null; idempotency_key: string | null };

export type SandboxEventType =
  | "checkout.session.completed"
  | "checkout.session.async_payment_succeeded"
  | "checkout.session.async_payment_failed"
  | "checkout.session.expired"
  | "payment_intent.payment_failed"
  | "charge.refunded"
  | "charge.dispute.created"
  | "charge.dispute.updated"
  | "charge.dispute.closed"
  | "account.updated"
  | "capability.updated";

/** What an event's data.object may be. */
export type SandboxEventObject =
  Stripe.Checkout.Session | Stripe.PaymentIntent | Stripe.Charge | Stripe.Dispute | Stripe.Account | Stripe.Capability;

/** Stripe's event envelope; `data.object` is the object as it is right after the change. */
export type SandboxEvent = {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  data: { object: SandboxEventObject; previous_attributes?: Record<string, unknown> };
  /** The connected account a Connect event is about: such events go to the Connect endpoint. */
  account?: string;
  livemode: false;
  pending_webhooks: number;
  request: EventRequest;
  type: SandboxEventType;
};

export function buildEvent(args: {
  type: SandboxEventType;
  object: SandboxEventObject;
  account?: string;
  previousAttributes?: Record<string, unknown>;
  request: EventRequest;
  created: number;
}): SandboxEvent {
  return {
    id: newId.event(),
    object: "event",
    ...(args.account ? { account: args.account } : {}),
    api_version: API_VERSION,
    created: args.created,
    data: {
      object: args.object,
      ...(args.previousAttributes ? { previous_attributes: args.previousAttributes } : {}),
    },
    livemode: false,
    pending_webhooks: 1,
    request: args.request,
    type: args.type,
  };
}
