// Whether the page is live in the browser: false on the server and in the hydration render (so
// both draw the same markup), true right after hydration and on client-side navigations. Parts
// that need JavaScript to do anything (the chat, the basket's fetchers) draw a light static
// version until then: the server skips their hooks and machinery on every request (issue 12).
import { useSyncExternalStore } from "react";

const subscribeToNothing = () => () => undefined;

export function useLive(): boolean {
  return useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
}
