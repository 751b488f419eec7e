// The Content-Security-Policy nonce of the page being rendered (server/http-guards.ts chooses it,
// app/entry.server.tsx provides it), for the inline scripts Remix writes into the document. In the
// browser it is "": the nonce attribute is hidden from scripts and only the server's HTML needs it.
import { createContext, useContext } from "react";

const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
