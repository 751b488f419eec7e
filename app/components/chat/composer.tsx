// Where a visitor writes. Enter sends, Shift+Enter goes to the line; a counter shows the room
// left. The draft is kept in the tab (sessionStorage, per stall) so that a visitor who must log
// in first finds what they typed when they come back, and a reload loses nothing.
import { Link } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { CHAT_MAX_LENGTH } from "~/realtime/events";
import type { ChatConnection } from "~/realtime/use-stall-chat";
import { useT } from "~/utils/i18n";

const draftKey = (stallId: string) => `chalet:chat-draft:${stallId}`;

function readDraft(stallId: string): string {
  try {
    return window.sessionStorage.getItem(draftKey(stallId)) ?? "";
  } catch {
    // Storage refused (private mode, a policy): the draft lives only in the page.
    return "";
  }
}

function writeDraft(stallId: string, text: string) {
  try {
    if (text) window.sessionStorage.setItem(draftKey(stallId), text);
    else window.sessionStorage.removeItem(draftKey(stallId));
  } catch {
    // See readDraft.
  }
}

export function Composer({
  stallId,
  loggedIn,
  loginHref,
  signupHref,
  connection,
  mutedUntilText,
  onSend,
  onTyping,
}: {
  stallId: string;
  loggedIn: boolean;
  loginHref: string;
  signupHref: string;
  connection: ChatConnection;
  /** The end of the viewer's mute, formatted; null when they may write. */
  mutedUntilText: string | null;
  onSend: (body: string) => void;
  onTyping: () => void;
}) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState("");
  const field = useRef<HTMLTextAreaElement>(null);
  const muted = mutedUntilText !== null;

  // Restored after hydration: the server cannot know the tab's draft.
  useEffect(() => {
    const draft = readDraft(stallId);
    if (draft) setText(draft.slice(0, CHAT_MAX_LENGTH));
  }, [stallId]);

  const change = (value: string) => {
    setText(value);
    writeDraft(stallId, value);
    if (value.trim()) onTyping();
  };

  const submit = () => {
    const body = text.trim();
    if (!loggedIn || muted || !body) return;
    onSend(body);
    change("");
    field.current?.focus();
  };

  const hints = [`${id}-counter`, `${id}-hint`, muted ? `${id}-muted` : null, `${id}-state`].filter(Boolean).join(" ");

  return (
    <form
      className="mt-1"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label htmlFor={`${id}-text`} className="sr-only">
        {t("chat.composer.label")}
      </label>
      {muted ? (
        <p id={`${id}-muted`} className="mb-2 rounded-xl bg-wine-50 px-3 py-2 text-sm font-semibold text-wine-800">
          {t("chat.composer.muted", { time: mutedUntilText })}
        </p>
      ) : null}
      <div className="flex items-end gap-2">
        <textarea
          id={`${id}-text`}
          ref={field}
          name="body"
          rows={2}
          maxLength={CHAT_MAX_LENGTH}
          value={text}
          disabled={muted}
          placeholder={t("chat.composer.placeholder")}
          aria-describedby={hints}
          onChange={(event) => change(event.target.value)}
          onKeyDown={(event) => {
            // An input method composing a word uses Enter to pick it: not a send.
            if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
            event.preventDefault();
            submit();
          }}
          className="block max-h-40 min-h-12 w-full resize-y rounded-2xl border border-fir-600/40 bg-white px-3.5 py-2.5 text-base text-bark shadow-sm focus:border-fir-700 focus:ring-2 focus:ring-gold-400 disabled:bg-stone-100 disabled:text-bark/60"
        />
        {loggedIn ? (
          <button
            type="submit"
            disabled={muted}
            className="flex min-h-12 shrink-0 items-center gap-1.5 rounded-full bg-fir-700 px-4 font-semibold text-snow hover:bg-fir-800 disabled:cursor-not-allowed disabled:opacity-60"
          >
            <span aria-hidden="true">➤</span>
            <span>{t("chat.composer.send")}</span>
          </button>
        ) : null}
      </div>
      <div className="mt-1 flex flex-wrap items-start justify-between gap-x-3 text-xs text-bark/80">
        <p id={`${id}-hint`} className="hidden sm:block">
          {t("chat.composer.hint")}
        </p>
        <p id={`${id}-counter`} className="ml-auto tabular-nums" data-testid="chat-counter">
          <span aria-hidden="true">{t("chat.composer.counter", { count: text.length, max: CHAT_MAX_LENGTH })}</span>
          <span className="sr-only">
            {t("chat.composer.counterLabel", { count: text.length, max: CHAT_MAX_LENGTH })}
          </span>
        </p>
      </div>
      <div id={`${id}-state`} role="status" className="[&>*]:mt-2">
        {!loggedIn ? (
          <p className="rounded-xl bg-gold-100 px-3 py-2 text-sm text-bark ring-1 ring-gold-600/30">
            <Link to={loginHref} className="font-semibold text-fir-800 underline underline-offset-4">
              {t("chat.composer.loginToWrite")}
            </Link>{" "}
            <Link to={signupHref} className="text-fir-800 underline underline-offset-4">
              {t("chat.composer.orSignup")}
            </Link>
            {text.trim() ? <span> · {t("chat.composer.draftKept")}</span> : null}
          </p>
        ) : connection === "offline" ? (
          <p className="flex items-center gap-2 text-sm font-semibold text-bark" data-testid="chat-offline">
            <span className="size-2 shrink-0 rounded-full bg-bark/60" aria-hidden="true" />
            {t("chat.composer.offline")}
          </p>
        ) : null}
      </div>
    </form>
  );
}
