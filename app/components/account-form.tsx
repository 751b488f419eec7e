// Pieces shared by the account pages (log-in, sign-up, password reset): the card they sit in,
// the browser-side check with the same Zod schema as the server, and focus management.
import { parseWithZod } from "@conform-to/zod";
import { Link, useSearchParams } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import type { z } from "zod";
import { TextField } from "~/components/forms";
import { EMAIL_MAX, PASSWORD_MAX, PASSWORD_MIN } from "~/schemas/accounts";
import { useT } from "~/utils/i18n";

export type FormResult = { errors?: Record<string, string[]>; formError?: string } | undefined;

export function AccountCard({
  title,
  intro,
  children,
  wide = false,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
  /** A longer form (the first start's set-up): a wider card from tablet width up. */
  wide?: boolean;
}) {
  return (
    <div className={`mx-auto w-full ${wide ? "max-w-xl" : "max-w-md"}`}>
      <div className="overflow-hidden rounded-2xl border border-fir-100 bg-white shadow-lg">
        {/* Bunting: decoration only. */}
        <div aria-hidden="true" className="flex h-3">
          {Array.from({ length: 12 }, (_, i) => (
            <span
              key={i}
              className={`flex-1 ${i % 3 === 0 ? "bg-wine-600" : i % 3 === 1 ? "bg-gold-400" : "bg-fir-600"}`}
            />
          ))}
        </div>
        <div className="px-5 pb-6 pt-5 sm:px-8">
          <h1 className="font-display text-3xl text-fir-800">{title}</h1>
          {intro ? <p className="mt-2 text-fir-900">{intro}</p> : null}
          <div className="mt-5">{children}</div>
        </div>
      </div>
    </div>
  );
}

/** An emailed link that can no longer be used: why, and the one step that gets a new one. */
export function RefusedLinkCard(props: {
  title: string;
  message: string;
  next: { to: string; label: string };
  children?: ReactNode;
}) {
  return (
    <AccountCard title={props.title}>
      <p role="alert" className="rounded-lg border border-wine-600 bg-wine-50 px-3 py-3 font-semibold text-wine-800">
        {props.message}
      </p>
      <p className="mt-6 text-center">
        <Link
          to={props.next.to}
          className="inline-flex min-h-11 items-center justify-center rounded-full bg-fir-700 px-5 py-2 font-semibold text-snow hover:bg-fir-800"
        >
          {props.next.label}
        </Link>
      </p>
      {props.children}
    </AccountCard>
  );
}

/**
 * Checks the form in the browser with the server's schema (no round trip for an empty field)
 * and, after any refused submit, moves focus to the first invalid field or else to the form
 * alert, so keyboard and screen-reader users land on what needs fixing.
 */
export function useAccountForm(schema: z.ZodTypeAny, actionData: unknown) {
  // useActionData's type for `data()` responses is not the body's type in Remix 2 without
  // single fetch, so the body is narrowed here instead.
  const serverResult = isFormResult(actionData) ? actionData : undefined;
  const formRef = useRef<HTMLFormElement>(null);
  const [clientResult, setClientResult] = useState<FormResult>(undefined);
  const [attempt, setAttempt] = useState(0);
  const result = clientResult ?? serverResult;

  useEffect(() => {
    const form = formRef.current;
    if (!form || !(result?.formError || (result?.errors && Object.keys(result.errors).length))) return;
    const target =
      form.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form.querySelector<HTMLElement>('[role="alert"]');
    if (!target) return;
    if (target.getAttribute("role") === "alert") target.tabIndex = -1;
    target.focus();
    // `attempt` re-runs this when the same client error is refused twice in a row.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [serverResult, clientResult, attempt]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const submission = parseWithZod(new FormData(event.currentTarget), { schema });
    if (submission.status === "success") {
      setClientResult(undefined);
      return;
    }
    event.preventDefault();
    const errors: Record<string, string[]> = {};
    for (const [field, messages] of Object.entries(submission.error ?? {})) {
      if (messages?.length) errors[field] = messages;
    }
    setClientResult({ errors, formError: "form.fixErrors" });
    setAttempt((n) => n + 1);
  }

  return { formRef, onSubmit, errors: result?.errors ?? {}, formError: result?.formError };
}

function isFormResult(value: unknown): value is NonNullable<FormResult> {
  return typeof value === "object" && value !== null && ("errors" in value || "formError" in value);
}

/** A password field with a "show password" switch: typing a long password on a phone is hard blind. */
export function PasswordField(props: {
  name: string;
  label: string;
  hint?: string;
  autoComplete: "current-password" | "new-password";
  errors?: string[];
  minLength?: number;
  maxLength: number;
}) {
  const t = useT();
  const [visible, setVisible] = useState(false);
  const id = `field-${props.name}`;
  return (
    <div>
      <TextField
        id={id}
        name={props.name}
        type={visible ? "text" : "password"}
        label={props.label}
        hint={props.hint}
        errors={props.errors}
        autoComplete={props.autoComplete}
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        required
        minLength={props.minLength}
        maxLength={props.maxLength}
      />
      <label className="-mt-2 mb-4 flex min-h-11 cursor-pointer items-center gap-2 text-sm text-fir-900">
        <input
          type="checkbox"
          className="h-5 w-5 accent-fir-700"
          checked={visible}
          onChange={(e) => setVisible(e.currentTarget.checked)}
        />
        {t("accounts.field.showPassword")}
      </label>
    </div>
  );
}

/** The e-mail address field of the account forms. */
export function EmailField(props: { errors?: string[]; defaultValue?: string; hint?: string }) {
  const t = useT();
  return (
    <TextField
      id="field-email"
      name="email"
      type="email"
      label={t("accounts.field.email")}
      autoComplete="email"
      inputMode="email"
      autoCapitalize="none"
      spellCheck={false}
      required
      maxLength={EMAIL_MAX}
      defaultValue={props.defaultValue}
      hint={props.hint}
      errors={props.errors}
    />
  );
}

/** The password field of sign-up and reset, where a new password is chosen. */
export function NewPasswordField({ errors }: { errors?: string[] }) {
  const t = useT();
  return (
    <PasswordField
      name="password"
      label={t("accounts.field.newPassword")}
      hint={t("accounts.field.newPassword.hint")}
      autoComplete="new-password"
      minLength={PASSWORD_MIN}
      maxLength={PASSWORD_MAX}
      errors={errors}
    />
  );
}

/** The page's ?redirectTo=, and the same as a query string for the link to the sibling page. */
export function useRedirectTo() {
  const [params] = useSearchParams();
  const redirectTo = params.get("redirectTo") ?? "";
  return { redirectTo, query: redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : "" };
}

export const linkClass = "font-semibold text-fir-700 underline underline-offset-4 hover:text-fir-900";

/**
 * Route `headers` for account pages: keeps the Retry-After an action sets on a 429, which
 * document responses would otherwise drop.
 */
export function keepRetryAfter({ actionHeaders, loaderHeaders }: { actionHeaders: Headers; loaderHeaders: Headers }) {
  const headers = new Headers(loaderHeaders);
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
}
