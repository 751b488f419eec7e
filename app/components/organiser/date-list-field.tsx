// A list of dates picked with the browser's date control (`<input type="date">`), one row per
// date, rows added and removed: the recurring rule's exceptional closing days. Every row posts
// under the same name; empty rows are ignored by the server (app/schemas/organiser.ts).
import { useEffect, useId, useRef, useState } from "react";
import type { MessageKey } from "~/i18n";
import { useT } from "~/utils/i18n";

const inputClass =
  "block w-full rounded-lg border border-fir-600/40 bg-white px-3 py-2 text-base text-bark shadow-sm focus:border-fir-700 focus:ring-2 focus:ring-gold-400 aria-[invalid=true]:border-wine-600";

export function DateListField(props: { name: string; label: string; hint?: string; errors?: string[] }) {
  const t = useT();
  const id = useId();
  const next = useRef(1);
  const [rows, setRows] = useState<number[]>([0]);
  // After "add", the new row's field takes the focus; after "remove", the add button does.
  const [focus, setFocus] = useState<"last" | "add" | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const error = props.errors?.length ? props.errors.map((e) => t(e as MessageKey)).join(" ") : null;
  const describedBy = [props.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");

  useEffect(() => {
    if (focus === "last") listRef.current?.querySelector<HTMLInputElement>("li:last-child input")?.focus();
    if (focus === "add") addRef.current?.focus();
    setFocus(null);
  }, [focus]);

  // The page resets its form after a rule is added: back to one empty row.
  useEffect(() => {
    const form = addRef.current?.form;
    if (!form) return;
    const reset = () => setRows([next.current++]);
    form.addEventListener("reset", reset);
    return () => form.removeEventListener("reset", reset);
  }, []);

  return (
    <fieldset className="mb-4" aria-describedby={describedBy || undefined}>
      <legend className="font-semibold text-fir-900">{props.label}</legend>
      {props.hint ? (
        <p id={`${id}-hint`} className="text-sm text-fir-700">
          {props.hint}
        </p>
      ) : null}
      <ol ref={listRef} className="mt-1 space-y-2">
        {rows.map((row, index) => (
          <li key={row} className="flex items-center gap-2">
            <input
              type="date"
              name={props.name}
              id={`${id}-${row}`}
              aria-label={t("console.dates.nth", { n: index + 1 })}
              aria-invalid={error ? true : undefined}
              className={inputClass}
            />
            {rows.length > 1 ? (
              <button
                type="button"
                onClick={() => {
                  setRows((all) => all.filter((r) => r !== row));
                  setFocus("add");
                }}
                className="inline-flex min-h-11 shrink-0 items-center rounded-full border-2 border-wine-700 px-3 text-sm font-semibold text-wine-700 hover:bg-wine-50"
              >
                {t("console.dates.remove")}
                <span className="sr-only"> {t("console.dates.nth", { n: index + 1 })}</span>
              </button>
            ) : null}
          </li>
        ))}
      </ol>
      <button
        ref={addRef}
        type="button"
        onClick={() => {
          setRows((all) => [...all, next.current++]);
          setFocus("last");
        }}
        className="mt-2 inline-flex min-h-11 items-center rounded-full border-2 border-fir-700 px-4 text-sm font-semibold text-fir-800 hover:bg-fir-50"
      >
        <span aria-hidden="true" className="mr-1">
          +
        </span>
        {t("console.dates.add")}
      </button>
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm font-semibold text-wine-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
