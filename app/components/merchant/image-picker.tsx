// The photo field of the merchant's forms, for a phone: choose several photos at once, or take
// one with the camera; each is shrunk in the browser before the form sends it
// (app/utils/shrink-image.client.ts). Without JavaScript it is a plain file field, and the server
// refuses what is too large with a readable message.
import { useEffect, useRef, useState, type ChangeEvent } from "react";
import { TextField } from "~/components/forms";
import { formatFileSize } from "~/utils/format";
import { shrinkImage } from "~/utils/shrink-image.client";
import { useLocale, useT } from "~/utils/i18n";

export function ImagePicker(props: {
  id: string;
  name: string;
  label: string;
  multiple?: boolean;
  required?: boolean;
  /** The server's limit for one file (MAX_UPLOAD_BYTES). */
  maxBytes: number;
  errors?: string[];
}) {
  const t = useT();
  // The field itself (TextField renders it): found by its id, React 18 passes no ref through.
  const field = () => document.getElementById(props.id) as HTMLInputElement | null;
  const busy = useRef(false);
  const [hydrated, setHydrated] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [ready, setReady] = useState<File[]>([]);
  const [refused, setRefused] = useState<string[]>([]);
  const locale = useLocale();

  useEffect(() => setHydrated(true), []);

  // A form sent while photos are being prepared would send the originals: held until they are ready.
  useEffect(() => {
    const form = field()?.form;
    if (!form) return;
    const hold = (event: SubmitEvent) => {
      if (!busy.current) return;
      event.preventDefault();
      setRefused([t("merchantSetup.photos.wait")]);
    };
    form.addEventListener("submit", hold, { capture: true });
    return () => form.removeEventListener("submit", hold, { capture: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the field's id does not change
  }, [t]);

  async function prepare(selected: File[], keep: File[]) {
    const input = field();
    if (!input || selected.length === 0) return;
    busy.current = true;
    setRefused([]);
    setProgress({ done: 0, total: selected.length });
    const kept = [...keep];
    const problems: string[] = [];
    for (const [index, file] of selected.entries()) {
      const shrunk = await shrinkImage(file);
      if (!shrunk.ok) problems.push(t("merchantSetup.photos.notImage", { name: file.name }));
      else if (shrunk.file.size > props.maxBytes) {
        problems.push(
          t("merchantSetup.photos.stillTooLarge", { name: file.name, max: formatFileSize(props.maxBytes, locale) }),
        );
      } else kept.push(shrunk.file);
      setProgress({ done: index + 1, total: selected.length });
    }
    const chosen = props.multiple ? kept : kept.slice(-1);
    const transfer = new DataTransfer();
    for (const file of chosen) transfer.items.add(file);
    input.files = transfer.files;
    setReady(chosen);
    setRefused(problems);
    setProgress(null);
    busy.current = false;
  }

  function onChoose(event: ChangeEvent<HTMLInputElement>) {
    void prepare([...(event.currentTarget.files ?? [])], []);
  }

  function onTake(event: ChangeEvent<HTMLInputElement>) {
    const taken = [...(event.currentTarget.files ?? [])];
    event.currentTarget.value = "";
    void prepare(taken, props.multiple ? ready : []);
  }

  const total = ready.reduce((sum, file) => sum + file.size, 0);
  return (
    <div>
      <TextField
        id={props.id}
        name={props.name}
        type="file"
        accept="image/*"
        multiple={props.multiple}
        required={props.required}
        label={props.label}
        hint={t("merchantSetup.photos.hint")}
        errors={props.errors}
        onChange={onChoose}
      />
      {hydrated ? (
        // The camera as an option: `capture` on the main field would hide the phone's gallery.
        <label className="-mt-2 mb-4 inline-flex min-h-12 cursor-pointer items-center gap-2 rounded-full px-4 font-semibold text-fir-800 ring-1 ring-fir-600/50 focus-within:ring-2 focus-within:ring-gold-400 hover:bg-fir-50">
          <span aria-hidden="true">📷</span>
          {t("merchantSetup.photos.take")}
          <input type="file" accept="image/*" capture="environment" className="sr-only" onChange={onTake} />
        </label>
      ) : null}
      <div role="status" aria-live="polite" className="mb-2 text-sm text-fir-900">
        {progress ? (
          <>
            <p>{t("merchantSetup.photos.preparing", progress)}</p>
            <progress value={progress.done} max={progress.total} className="w-full" />
          </>
        ) : ready.length > 0 ? (
          <p>
            {ready.length === 1
              ? t("merchantSetup.photos.readyOne", { size: formatFileSize(total, locale) })
              : t("merchantSetup.photos.readyMany", { count: ready.length, size: formatFileSize(total, locale) })}
          </p>
        ) : null}
      </div>
      <div role="alert">
        {refused.length > 0 ? (
          <ul className="mb-4 rounded-lg border border-wine-600 bg-wine-50 px-3 py-2 text-sm font-semibold text-wine-800">
            {refused.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
