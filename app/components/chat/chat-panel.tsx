// The stall page's chat (issue 4): visitors talk to the merchant. Anyone reads; an account
// writes while the market is open. The market's state comes from the page's data, kept live by
// useMarketLive and useRevalidateAt, so the composer closes and reopens at the scheduled second.
// The panel needs JavaScript to do anything, so the server (and the hydration render) draws a
// placeholder of the same shape and the live panel mounts once the page is live: its hooks,
// message list and composer are the stall page's largest server-side cost (issue 12).
import { useCallback } from "react";
import { plural } from "~/i18n";
import { useLive } from "~/components/use-live";
import { useServerClock } from "~/components/use-server-clock";
import type { MarketStatus } from "~/models/market-status";
import type { Typist } from "~/realtime/chat-view";
import { CHAT_MAX_LENGTH } from "~/realtime/events";
import { useStallChat } from "~/realtime/use-stall-chat";
import { formatTime } from "~/utils/format";
import { useLocale, useOptionalUser, useT } from "~/utils/i18n";
import type { MessageActions } from "./chat-message";
import { whenLabel } from "./chat-time";
import { Composer } from "./composer";
import { MessageList } from "./message-list";

type Translate = ReturnType<typeof useT>;

function typingText(typists: Typist[], t: Translate): string {
  if (typists.length === 0) return "";
  if (typists.length === 1) {
    const { author } = typists[0]!;
    return author.isMerchant
      ? t("chat.typing.merchant", { name: author.name })
      : t("chat.typing.one", { name: author.name });
  }
  if (typists.length === 2)
    return t("chat.typing.two", { first: typists[0]!.author.name, second: typists[1]!.author.name });
  return t("chat.typing.many");
}

type ChatPanelProps = {
  stall: { id: string; name: string };
  /** The stall page's path, where log-in brings the visitor back (to #chat). */
  path: string;
  status: MarketStatus;
  timezone: string;
  serverNow: string;
};

export function ChatPanel(props: ChatPanelProps) {
  return useLive() ? <LiveChatPanel {...props} /> : <ChatPlaceholder {...props} />;
}

/** What the market's state says of the merchant before the room tells who is online. */
function merchantAwayLine(status: MarketStatus, nextOpening: { today: boolean; text: string } | null, t: Translate) {
  if (status.open) return t("chat.presence.away");
  if (!nextOpening) return t("chat.presence.awayClosed");
  return t("chat.presence.backAt", {
    when: nextOpening.today ? t("chat.presence.backAtTime", { time: nextOpening.text }) : nextOpening.text,
  });
}

function ClosedNotice({
  status,
  nextOpening,
  t,
}: {
  status: MarketStatus;
  nextOpening: { today: boolean; text: string } | null;
  t: Translate;
}) {
  return (
    <div className="mt-3 rounded-2xl bg-stone-100 px-4 py-3 text-bark ring-1 ring-bark/10" data-testid="chat-closed">
      <p className="font-semibold">{t("chat.closed.notice")}</p>
      {status.closure?.reason ? (
        <p className="mt-1">{t("chat.closed.reason", { reason: status.closure.reason })}</p>
      ) : null}
      {nextOpening ? (
        <p className="mt-1 text-sm">
          {t("chat.closed.reopens", {
            when: nextOpening.today ? t("chat.presence.backAtTime", { time: nextOpening.text }) : nextOpening.text,
          })}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The panel before the page is live: the same boxes with the same classes as the live panel's
 * first render (title, intro, merchant line, the log saying it is loading, the composer's field
 * disabled, or the closed notice), so nothing moves when the live panel replaces it. Busy for
 * screen readers; nothing in it takes focus but the log-in links, which work without JavaScript.
 */
function ChatPlaceholder({ stall, path, status, timezone, serverNow }: ChatPanelProps) {
  const t = useT();
  const locale = useLocale();
  const user = useOptionalUser();
  const nextOpening =
    !status.open && status.nextTransitionAt
      ? whenLabel(status.nextTransitionAt, timezone, locale, Date.parse(serverNow))
      : null;
  const back = encodeURIComponent(`${path}#chat`);
  return (
    <section
      id="chat"
      aria-labelledby="chat-title"
      aria-busy="true"
      className="scroll-mt-4 rounded-3xl bg-white p-4 shadow-md ring-1 ring-bark/10 sm:p-6"
      data-testid="chat-placeholder"
    >
      <h2 id="chat-title" className="flex items-center gap-2 font-display text-2xl font-bold text-fir-900">
        <span aria-hidden="true">💬</span>
        {t("chat.title")}
      </h2>
      <p className="mt-1 text-bark/90">{t("chat.intro", { name: stall.name })}</p>
      <p className="mt-2 flex items-start gap-2 text-sm text-fir-900">
        <span className="mt-1.5 size-2.5 shrink-0 rounded-full bg-bark/40" aria-hidden="true" />
        {merchantAwayLine(status, nextOpening, t)}
      </p>
      <div
        role="status"
        className="mt-4 min-h-40 rounded-2xl bg-snow p-3 text-center text-sm text-bark/80 ring-1 ring-bark/10 sm:p-4"
      >
        <p className="py-8">{t("chat.loading")}</p>
      </div>
      <p className="mt-1 min-h-5" />
      {status.open ? (
        <div className="mt-1">
          <textarea
            rows={2}
            disabled
            aria-label={t("chat.composer.label")}
            placeholder={t("chat.composer.placeholder")}
            className="block max-h-40 min-h-12 w-full resize-none rounded-2xl border border-fir-600/40 bg-white px-3.5 py-2.5 text-base shadow-sm"
          />
          <p className="mt-1 text-right text-xs text-bark/80" aria-hidden="true">
            {t("chat.composer.counter", { count: 0, max: CHAT_MAX_LENGTH })}
          </p>
          {user === null ? (
            <p className="mt-2 rounded-xl bg-gold-100 px-3 py-2 text-sm text-bark ring-1 ring-gold-600/30">
              <a href={`/login?redirectTo=${back}`} className="font-semibold text-fir-800 underline underline-offset-4">
                {t("chat.composer.loginToWrite")}
              </a>{" "}
              <a href={`/signup?redirectTo=${back}`} className="text-fir-800 underline underline-offset-4">
                {t("chat.composer.orSignup")}
              </a>
            </p>
          ) : null}
        </div>
      ) : (
        <ClosedNotice status={status} nextOpening={nextOpening} t={t} />
      )}
    </section>
  );
}

function LiveChatPanel({ stall, path, status, timezone, serverNow }: ChatPanelProps) {
  const t = useT();
  const locale = useLocale();
  const user = useOptionalUser();
  // A minute is enough for times and typists' names; the mute's end is checked by the hook.
  const now = useServerClock(serverNow, 15_000);
  const chat = useStallChat({
    stallId: stall.id,
    userId: user?.id ?? null,
    timeoutMessage: t("chat.error.timeout"),
  });
  const selfId = chat.you?.userId ?? user?.id ?? null;
  const canModerate = chat.you?.canModerate ?? false;
  const back = `${path}#chat`;
  const loginHref = `/login?redirectTo=${encodeURIComponent(back)}`;
  const signupHref = `/signup?redirectTo=${encodeURIComponent(back)}`;

  const { remove, mute, report } = chat;
  const actionsFor = useCallback(
    (authorId: string): MessageActions => {
      const mine = selfId !== null && authorId === selfId;
      return {
        canDelete: canModerate,
        canMute: canModerate && !mine,
        canReport: user !== null && !mine,
        remove,
        mute,
        report,
      };
    },
    [canModerate, selfId, user, remove, mute, report],
  );

  const mutedUntilText = chat.mutedUntil ? formatTime(chat.mutedUntil, timezone, locale) : null;
  const nextOpening =
    !status.open && status.nextTransitionAt ? whenLabel(status.nextTransitionAt, timezone, locale, now) : null;

  const merchantLine = chat.presence?.merchantOnline
    ? t("chat.presence.merchantOnline")
    : merchantAwayLine(status, nextOpening, t);
  const visitors = chat.presence?.visitors ?? null;

  return (
    <section
      id="chat"
      aria-labelledby="chat-title"
      className="scroll-mt-4 rounded-3xl bg-white p-4 shadow-md ring-1 ring-bark/10 sm:p-6"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id="chat-title" className="flex items-center gap-2 font-display text-2xl font-bold text-fir-900">
          <span aria-hidden="true">💬</span>
          {t("chat.title")}
        </h2>
        {visitors !== null ? (
          <p className="text-sm text-bark/80" data-testid="chat-visitors">
            {plural(t, "chat.presence.visitors", visitors)}
          </p>
        ) : null}
      </div>
      <p className="mt-1 text-bark/90">{t("chat.intro", { name: stall.name })}</p>
      <p className="mt-2 flex items-start gap-2 text-sm text-fir-900" data-testid="chat-presence">
        <span
          className={`mt-1.5 size-2.5 shrink-0 rounded-full ${chat.presence?.merchantOnline ? "bg-fir-600" : "bg-bark/40"}`}
          aria-hidden="true"
        />
        {merchantLine}
      </p>

      <div className="mt-4">
        <MessageList
          view={chat.view}
          stallName={stall.name}
          selfId={selfId}
          selfName={user?.name ?? ""}
          selfIsMerchant={chat.you?.isMerchant ?? false}
          timezone={timezone}
          now={now}
          loadingOlder={chat.loadingOlder}
          onLoadEarlier={chat.loadEarlier}
          actionsFor={actionsFor}
          onRetry={chat.retry}
          onDiscard={chat.discard}
        />
      </div>
      <p className="mt-1 min-h-5 text-sm italic text-bark/80" data-testid="chat-typing">
        {typingText(chat.typists, t)}
      </p>
      {chat.error ? (
        <p role="alert" className="mt-2 text-sm font-semibold text-wine-700">
          {chat.error}
        </p>
      ) : null}

      {status.open ? (
        <Composer
          stallId={stall.id}
          loggedIn={user !== null}
          loginHref={loginHref}
          signupHref={signupHref}
          connection={chat.connection}
          mutedUntilText={mutedUntilText}
          onSend={chat.send}
          onTyping={chat.typing}
        />
      ) : (
        <ClosedNotice status={status} nextOpening={nextOpening} t={t} />
      )}
    </section>
  );
}
