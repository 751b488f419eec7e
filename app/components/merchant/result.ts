import { useActionData } from "@remix-run/react";
import type { MessageKey } from "~/i18n";

export type MerchantResult = {
  ok: boolean;
  message: MessageKey | null;
  errors: Record<string, string[]>;
  formError: string | null;
};

/**
 * What a merchant action answered, read defensively: without the single-fetch type flag,
 * Remix 2 types `data()` bodies as the wrapper, not the body, so the shape is checked here.
 */
export function useMerchantResult(): MerchantResult {
  const value: unknown = useActionData();
  const body = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  return {
    ok: body.ok === true,
    message: typeof body.message === "string" ? (body.message as MessageKey) : null,
    errors: typeof body.errors === "object" && body.errors !== null ? (body.errors as Record<string, string[]>) : {},
    formError: typeof body.formError === "string" ? body.formError : null,
  };
}
