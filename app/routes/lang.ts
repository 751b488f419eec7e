import { redirect, redirectDocument, type ActionFunctionArgs } from "@remix-run/node";
import { isLocale } from "~/i18n";
import { safeRedirect } from "~/utils/auth.server";
import { localeCookie } from "~/utils/session.server";
import { readForm } from "~/utils/forms.server";

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const locale = form.get("locale");
  if (!isLocale(locale)) return new Response("Unknown language", { status: 400 });
  // A document load, even after a client-side submission: the browser loads the new language's
  // dictionary before hydrating (app/entry.client.tsx), never while rendering.
  return redirectDocument(safeRedirect(form.get("redirectTo")), {
    headers: { "Set-Cookie": await localeCookie.serialize(locale) },
  });
}

export const loader = () => redirect("/");
