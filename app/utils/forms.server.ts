import { parseWithZod } from "@conform-to/zod";
import { data } from "@remix-run/node";
import type { z } from "zod";

/**
 * The body of a form post (urlencoded). Anything else (JSON, plain text) is answered 415 here,
 * instead of surfacing as a 500 from the parser. A multipart body too: forms with files are read,
 * streamed and counted, by readMultipartForm (app/utils/uploads.server.ts) on the upload routes
 * only; request.formData() would hold all of it in memory first.
 */
export async function readForm(request: Request): Promise<FormData> {
  const type = request.headers.get("Content-Type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (type !== "application/x-www-form-urlencoded") {
    throw new Response("Send the form as a browser does.", { status: 415 });
  }
  try {
    return await request.formData();
  } catch {
    throw new Response("The form could not be read.", { status: 400 });
  }
}

/**
 * What an action returns when a form is refused: the message keys per field (translated by
 * the Field components) and a 400/4xx status. Nothing has been written when this is returned.
 */
export type FormErrors = { errors: Record<string, string[]>; formError?: string };

export type Validated<T> = { ok: true; value: T } | { ok: false; response: ReturnType<typeof data<FormErrors>> };

/**
 * Parses a form with a Zod schema (Conform coerces strings to numbers, booleans and dates).
 * Schema messages are dictionary keys such as "form.required", so errors come out in the
 * visitor's language.
 */
export function validateForm<Schema extends z.ZodTypeAny>(
  formData: FormData,
  schema: Schema,
): Validated<z.output<Schema>> {
  const submission = parseWithZod(formData, { schema });
  if (submission.status === "success") return { ok: true, value: submission.value as z.output<Schema> };
  const errors: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(submission.error ?? {})) {
    if (messages?.length) errors[field] = messages;
  }
  const formError = errors[""]?.[0];
  delete errors[""];
  return { ok: false, response: formFailure(errors, formError) };
}

export function formFailure(errors: Record<string, string[]>, formError?: string, status = 400) {
  return data<FormErrors>({ errors, formError: formError ?? "form.fixErrors" }, { status });
}
