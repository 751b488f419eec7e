// The market form's picture, read the same way by the create and the edit action: a refused
// file (too large, wrong type) is a 4xx answer on the cover field, never a 500.
import { formFailure } from "~/utils/forms.server";
import { readMultipartForm, storeImage, UploadError, uploadedFile } from "~/utils/uploads.server";

type Refused = { ok: false; response: ReturnType<typeof formFailure> };

function coverRefused(error: unknown): Refused {
  if (error instanceof UploadError) {
    return { ok: false, response: formFailure({ cover: [error.key] }, undefined, error.status) };
  }
  throw error;
}

/** Reads the multipart market form; a body over the upload limit is refused on the cover field. */
export async function readMarketForm(request: Request): Promise<{ ok: true; form: FormData } | Refused> {
  try {
    return { ok: true, form: await readMultipartForm(request) };
  } catch (error) {
    return coverRefused(error);
  }
}

/** Stores the chosen cover picture: its URL, or undefined when no file was chosen. */
export async function storeCover(form: FormData): Promise<{ ok: true; src: string | undefined } | Refused> {
  const cover = uploadedFile(form.get("cover"));
  if (!cover) return { ok: true, src: undefined };
  try {
    return { ok: true, src: (await storeImage(cover)).src };
  } catch (error) {
    return coverRefused(error);
  }
}
