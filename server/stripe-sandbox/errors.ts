// Stripe's error body: {error: {type, code, message, param, ...}} with the HTTP status the SDK
// maps to its error classes (400/404 → StripeInvalidRequestError, 401 → StripeAuthenticationError,
// 402 → StripeCardError, 409 → StripeIdempotencyError for type idempotency_error…).

export type StripeErrorType =
  "api_error" | "card_error" | "idempotency_error" | "invalid_request_error" | "authentication_error";

export type StripeErrorBody = {
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
  doc_url?: string;
};

export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
  ) {
    super(body.message);
  }

  toJSON() {
    const docUrl = this.body.code
      ? `https://stripe.com/docs/error-codes/${this.body.code.replace(/_/g, "-")}`
      : undefined;
    return { error: { ...this.body, ...(docUrl && !this.body.doc_url ? { doc_url: docUrl } : {}) } };
  }
}

export function invalidRequest(message: string, param?: string, code?: string): SandboxError {
  return new SandboxError(400, {
    type: "invalid_request_error",
    message,
    ...(param ? { param } : {}),
    ...(code ? { code } : {}),
  });
}

export function missingParam(param: string): SandboxError {
  return invalidRequest(`Missing required param: ${param}.`, param, "parameter_missing");
}

export function unknownParam(param: string): SandboxError {
  return invalidRequest(`Received unknown parameter: ${param}`, param, "parameter_unknown");
}

export function invalidInteger(param: string): SandboxError {
  return invalidRequest(`Invalid integer: ${param}`, param, "parameter_invalid_integer");
}

/** "No such checkout.session: 'cs_…'" with the param that named it, status 404. */
export function noSuch(object: string, id: string, param: string): SandboxError {
  return new SandboxError(404, {
    type: "invalid_request_error",
    code: "resource_missing",
    message: `No such ${object}: '${id}'`,
    param,
  });
}
