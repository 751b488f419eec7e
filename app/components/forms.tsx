// Accessible form fields: a visible label, the error linked by aria-describedby, and
// aria-invalid so screen readers announce it. Error texts are dictionary keys.
import { useNavigation } from "@remix-run/react";
import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import type { MessageKey } from "~/i18n";
import { useT } from "~/utils/i18n";

type Errors = string[] | undefined;

function useErrorText(errors: Errors) {
  const t = useT();
  // Unknown keys (a message from elsewhere) are shown as they are.
  return errors?.length ? errors.map((e) => t(e as MessageKey)).join(" ") : null;
}

const inputClass =
  "mt-1 block w-full rounded-lg border border-fir-600/40 bg-white px-3 py-2 text-base text-bark shadow-sm focus:border-fir-700 focus:ring-2 focus:ring-gold-400 aria-[invalid=true]:border-wine-600";

function FieldShell(props: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error: string | null;
  children: ReactNode;
}) {
  return (
    <div className="mb-4">
      <label htmlFor={props.id} className="block font-semibold text-fir-900">
        {props.label}
      </label>
      {props.hint ? (
        <p id={`${props.id}-hint`} className="text-sm text-fir-700">
          {props.hint}
        </p>
      ) : null}
      {props.children}
      {props.error ? (
        <p id={`${props.id}-error`} className="mt-1 text-sm font-semibold text-wine-700">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(id: string, hint: unknown, error: unknown) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

type Common = { label: ReactNode; hint?: ReactNode; errors?: Errors };

export function TextField({ label, hint, errors, id, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const generated = useId();
  const fieldId = id ?? generated;
  const error = useErrorText(errors);
  return (
    <FieldShell id={fieldId} label={label} hint={hint} error={error}>
      <input
        id={fieldId}
        className={inputClass}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fieldId, hint, error)}
        {...input}
      />
    </FieldShell>
  );
}

export function TextAreaField({
  label,
  hint,
  errors,
  id,
  ...input
}: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const generated = useId();
  const fieldId = id ?? generated;
  const error = useErrorText(errors);
  return (
    <FieldShell id={fieldId} label={label} hint={hint} error={error}>
      <textarea
        id={fieldId}
        rows={4}
        className={inputClass}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fieldId, hint, error)}
        {...input}
      />
    </FieldShell>
  );
}

export function SelectField({
  label,
  hint,
  errors,
  id,
  children,
  ...select
}: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  const generated = useId();
  const fieldId = id ?? generated;
  const error = useErrorText(errors);
  return (
    <FieldShell id={fieldId} label={label} hint={hint} error={error}>
      <select
        id={fieldId}
        className={inputClass}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fieldId, hint, error)}
        {...select}
      >
        {children}
      </select>
    </FieldShell>
  );
}

/** The form-level message (role=alert so it is announced after a refused submit). */
export function FormError({ error }: { error?: string | null }) {
  const t = useT();
  if (!error) return null;
  return (
    <p role="alert" className="mb-4 rounded-lg border border-wine-600 bg-wine-50 px-3 py-2 font-semibold text-wine-800">
      {t(error as MessageKey)}
    </p>
  );
}

export function SubmitButton({
  children,
  className = "",
  ...rest
}: InputHTMLAttributes<HTMLButtonElement> & { children: ReactNode }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <button
      type="submit"
      aria-busy={busy || undefined}
      className={`inline-flex min-h-11 items-center justify-center rounded-full bg-fir-700 px-5 py-2 font-semibold text-snow hover:bg-fir-800 disabled:opacity-60 ${className}`}
      {...(rest as object)}
    >
      {children}
    </button>
  );
}
