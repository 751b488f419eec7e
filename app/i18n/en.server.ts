// The English dictionary for the server, which renders both languages synchronously. The browser
// build empties `.server` modules, so importing this from app/i18n/index.ts keeps English out of
// the browser's bundle (it loads ./en with import() instead, see loadLocale).
export { en } from "./en";
