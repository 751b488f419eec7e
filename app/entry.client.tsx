import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { DEFAULT_LOCALE, isLocale, loadLocale } from "~/i18n";

// The page's language is the one the server rendered (`<html lang>`). French is bundled; another
// language's dictionary is loaded first, so the first render already speaks it: no flash of
// French, no hydration mismatch (issue 12).
const lang = document.documentElement.lang;
loadLocale(isLocale(lang) ? lang : DEFAULT_LOCALE)
  // Should the chunk fail to load, hydrate anyway: the page stays usable, in French where it re-renders.
  .catch((error: unknown) => console.error("could not load the dictionary", error))
  .then(() => {
    startTransition(() => {
      hydrateRoot(
        document,
        <StrictMode>
          <RemixBrowser />
        </StrictMode>,
      );
    });
  });
