// The room's messages in a scrolling log. A reader at the bottom follows new messages; a reader
// scrolled up to read older ones is not pulled down, and gets a "new messages" button instead.
// "Load earlier" puts the older messages above without moving what the reader is looking at.
// role="log" (polite) makes screen readers read new messages as they come.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { ChatView } from "~/realtime/chat-view";
import { useT } from "~/utils/i18n";
import { PendingBubble, StoredMessage, type MessageActions } from "./chat-message";

// useLayoutEffect warns when rendered on the server (React 18); the list's effects matter only in
// the browser, before paint, so the reader never sees the list jump.
const useBrowserLayoutEffect = typeof document === "undefined" ? useEffect : useLayoutEffect;

/** Within this many pixels of the end counts as "at the bottom". */
const BOTTOM_SLACK = 48;

export function MessageList({
  view,
  stallName,
  selfId,
  selfName,
  selfIsMerchant,
  timezone,
  now,
  loadingOlder,
  onLoadEarlier,
  actionsFor,
  onRetry,
  onDiscard,
}: {
  view: ChatView;
  stallName: string;
  selfId: string | null;
  selfName: string;
  selfIsMerchant: boolean;
  timezone: string;
  now: number;
  loadingOlder: boolean;
  onLoadEarlier: () => Promise<void>;
  actionsFor: (authorId: string) => MessageActions;
  onRetry: (clientKey: string) => void;
  onDiscard: (clientKey: string) => void;
}) {
  const t = useT();
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const [unseen, setUnseen] = useState(false);
  const anchor = useRef<{ height: number; top: number } | null>(null);

  const firstId = view.messages[0]?.id ?? null;
  const last = view.messages.at(-1);
  // A failed send grows its bubble (the reason, "try again"): that too must stay in view.
  const lastKey = `${last?.id ?? 0}|${view.pending.map((p) => p.status).join(",")}`;
  const lastIsMine = view.pending.length > 0 || (last !== undefined && selfId !== null && last.author.id === selfId);

  const toBottom = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    atBottom.current = true;
    setUnseen(false);
  }, []);

  // Older messages went above: keep the same message under the reader's eyes.
  useBrowserLayoutEffect(() => {
    const el = scroller.current;
    const kept = anchor.current;
    if (!el || !kept) return;
    anchor.current = null;
    el.scrollTop = kept.top + (el.scrollHeight - kept.height);
  }, [firstId]);

  useBrowserLayoutEffect(() => {
    if (!view.loaded) return;
    if (atBottom.current || lastIsMine) toBottom();
    else setUnseen(true);
    // Only a new last message (or a new pending one) moves the list, not every render.
  }, [lastKey, view.loaded, toBottom]);

  const loadEarlier = () => {
    const el = scroller.current;
    if (el) anchor.current = { height: el.scrollHeight, top: el.scrollTop };
    void onLoadEarlier();
  };

  return (
    <div className="relative">
      <div
        ref={scroller}
        role="log"
        aria-live="polite"
        aria-label={t("chat.log", { name: stallName })}
        aria-busy={!view.loaded}
        // Focusable, so keyboard users can scroll it with the arrow keys.
        tabIndex={0}
        onScroll={(event) => {
          const el = event.currentTarget;
          atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < BOTTOM_SLACK;
          if (atBottom.current) setUnseen(false);
        }}
        className="max-h-[min(60svh,30rem)] min-h-40 overflow-y-auto overscroll-contain rounded-2xl bg-snow p-3 ring-1 ring-bark/10 focus-visible:ring-2 focus-visible:ring-gold-400 sm:p-4"
        data-testid="chat-log"
      >
        {view.hasOlder ? (
          <div className="mb-3 flex justify-center self-center">
            <button
              type="button"
              onClick={loadEarlier}
              disabled={loadingOlder}
              className="min-h-10 rounded-full bg-white px-4 py-1.5 text-sm font-semibold text-fir-800 ring-1 ring-fir-600/30 hover:bg-fir-50 disabled:opacity-60"
            >
              {loadingOlder ? t("chat.loadingEarlier") : t("chat.loadEarlier")}
            </button>
          </div>
        ) : null}
        {!view.loaded ? (
          <p className="py-8 text-center text-sm text-bark/80">{t("chat.loading")}</p>
        ) : view.messages.length === 0 && view.pending.length === 0 ? (
          <p className="py-8 text-center text-sm text-bark/80">{t("chat.empty")}</p>
        ) : null}
        <ul className="space-y-3">
          {view.messages.map((message) => (
            <li key={message.id} data-testid="chat-message" data-message-id={message.id}>
              <StoredMessage
                message={message}
                mine={selfId !== null && message.author.id === selfId}
                timezone={timezone}
                now={now}
                actions={actionsFor(message.author.id)}
              />
            </li>
          ))}
          {view.pending.map((pending) => (
            <li key={pending.clientKey}>
              <PendingBubble
                pending={pending}
                name={selfName}
                isMerchant={selfIsMerchant}
                timezone={timezone}
                now={now}
                onRetry={() => onRetry(pending.clientKey)}
                onDiscard={() => onDiscard(pending.clientKey)}
              />
            </li>
          ))}
        </ul>
      </div>
      {unseen ? (
        <button
          type="button"
          onClick={toBottom}
          className="absolute bottom-3 left-1/2 flex min-h-10 -translate-x-1/2 items-center gap-1 whitespace-nowrap rounded-full bg-fir-700 px-4 py-1.5 text-sm font-semibold text-snow shadow-lg hover:bg-fir-800"
        >
          <span aria-hidden="true">↓</span>
          {t("chat.newMessages")}
        </button>
      ) : null}
    </div>
  );
}
