import { Form } from "@remix-run/react";
import { ALT_MAX } from "~/schemas/merchant";
import { useT } from "~/utils/i18n";

export type ListedPhoto = { id: string; thumbSrc: string; alt: string; width: number; height: number };

/**
 * Photos already online, the main one first (what cards show), each with its description (read
 * aloud to blind visitors), a button to make it the main one and a delete button. All post to
 * the page's own action with an intent.
 */
export function PhotoList({ photos, subject }: { photos: ListedPhoto[]; subject: string }) {
  const t = useT();
  if (photos.length === 0) return <p className="mb-4 text-fir-800">{t("merchant.photos.none")}</p>;
  return (
    <ul className="mb-6 grid gap-4 sm:grid-cols-2">
      {photos.map((photo, index) => {
        const label = t("merchant.photos.number", { n: index + 1, subject });
        return (
          <li key={photo.id} className="rounded-xl bg-white p-3 shadow-sm ring-1 ring-fir-600/20">
            {index === 0 && photos.length > 1 ? (
              <p className="mb-2 inline-block rounded-full bg-gold-300 px-3 py-1 text-sm font-semibold text-bark">
                {t("merchantSetup.photos.main")}
              </p>
            ) : null}
            <img
              src={photo.thumbSrc}
              alt={photo.alt}
              width={photo.width}
              height={photo.height}
              loading="lazy"
              className="aspect-[4/3] w-full rounded-lg object-cover"
            />
            <Form method="post" className="mt-3" aria-label={t("merchant.photos.altFormLabel", { photo: label })}>
              <input type="hidden" name="intent" value="alt" />
              <input type="hidden" name="photoId" value={photo.id} />
              <label htmlFor={`alt-${photo.id}`} className="block font-semibold text-fir-900">
                {t("merchant.photos.alt")} <span className="sr-only">({label})</span>
              </label>
              <div className="mt-1 flex gap-2">
                <input
                  id={`alt-${photo.id}`}
                  name="alt"
                  defaultValue={photo.alt}
                  maxLength={ALT_MAX}
                  className="block min-h-12 w-full rounded-lg border border-fir-600/40 bg-white px-3 text-base"
                />
                <button
                  type="submit"
                  className="min-h-12 shrink-0 rounded-full bg-fir-700 px-4 font-semibold text-snow hover:bg-fir-800"
                >
                  {t("form.save")}
                  <span className="sr-only"> ({label})</span>
                </button>
              </div>
            </Form>
            {index > 0 ? (
              <Form method="post" className="mt-2">
                <input type="hidden" name="intent" value="main" />
                <input type="hidden" name="photoId" value={photo.id} />
                <button
                  type="submit"
                  className="min-h-12 w-full rounded-full px-4 font-semibold text-fir-800 ring-1 ring-fir-600/50 hover:bg-fir-50"
                >
                  {t("merchantSetup.photos.makeMain")}
                  <span className="sr-only"> ({label})</span>
                </button>
              </Form>
            ) : null}
            <Form method="post" className="mt-2">
              <input type="hidden" name="intent" value="delete" />
              <input type="hidden" name="photoId" value={photo.id} />
              <button
                type="submit"
                className="min-h-12 w-full rounded-full px-4 font-semibold text-wine-700 ring-1 ring-wine-600/50 hover:bg-wine-50"
              >
                {t("merchant.photos.delete")}
                <span className="sr-only"> ({label})</span>
              </button>
            </Form>
          </li>
        );
      })}
    </ul>
  );
}
