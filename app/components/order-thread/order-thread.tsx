// An order's message thread between its buyer and one stall, as a disclosure: on the merchant's
// order card ("Écrire à Camille") and under each stall of the buyer's order page ("Écrire au
// stand"). The composer is a plain form posting to the thread's route, which sends a visitor
// without JavaScript back to the page; once live it posts through a fetcher, keeps focus in the
// composer and says "sent". The other side's new messages reload the page's data (order:message
// on the user's room) and are announced.
import { useFetcher, useLocation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { TextAreaField } from "~/components/forms";
import { useLive } from "~/components/use-live";
import { plural, type MessageKey } from "~/i18n";
import { ORDER_MESSAGE_MAX_LENGTH, type ThreadSide } from "~/models/order-messages";
import type { OrderMessageDto } from "~/realtime/events";
import { withSocket } from "~/realtime/socket.client";
import { formatDateTime } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";

/** The thread's route: its page, and where its form posts. */
export const threadPath = (orderId: string, stallId: string) => `/orders/${orderId}/messages/${stallId}`;

/** What the thread's action answers (app/routes/orders.$orderId_.messages.$stallId.tsx). */
export type ThreadReply =
  | { ok: true; message: OrderMessageDto }
  | { errors: Record<string, string[]>; formError?: string; retryAfter?: number };

type ThreadProps = {
  orderId: string;
  stallId: string;
  side: ThreadSide;
  /** The other side as the viewer calls them: the stall's name, or the buyer's first name. */
  other: string;
  /** The disclosure's label: "Écrire à Camille", "Écrire au stand". */
  label: string;
  messages: OrderMessageDto[];
  timezone: string;
  /** The element's id, the e-mails' link fragment: thread-<stallId> for the buyer, thread-<orderId> for the merchant. */
  anchor: string;
  /** Drawn open, without a disclosure (the thread's own page). */
  standalone?: boolean;
  /** The action's answer to a post made without JavaScript (the thread's own page). */
  reply?: ThreadReply;
};

export function OrderThread(props: ThreadProps) {
  const { orderId, stallId, side, other, label, messages, anchor, standalone } = props;
  const t = useT();
  const [announcement, setAnnouncement] = useState("");
  useLiveThread(orderId, stallId, side, setAnnouncement);
  const body = (
    <div className="space-y-3 pt-3">
      <p className="text-sm text-bark/85">{t("thread.privacy")}</p>
      {messages.length === 0 ? (
        <p className="text-sm text-bark">{t("thread.empty")}</p>
      ) : (
        <ol aria-label={t("thread.list", { name: other })} className="space-y-2">
          {messages.map((message) => (
            <MessageItem
              key={message.id}
              message={message}
              mine={message.fromBuyer === (side === "buyer")}
              {...props}
            />
          ))}
        </ol>
      )}
      <Composer {...props} onSent={setAnnouncement} />
    </div>
  );
  return (
    <div id={anchor} data-testid="order-thread" className="scroll-mt-4">
      {/* Outside the disclosure: a closed one is not read out. */}
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
      {standalone ? (
        body
      ) : (
        // Open once a conversation has started: it is what the page is for then.
        <details open={messages.length > 0} className="rounded-xl bg-fir-50/60 px-3 py-2 ring-1 ring-fir-600/20">
          <summary className="flex min-h-11 cursor-pointer items-center gap-2 font-semibold text-fir-800">
            <span aria-hidden="true">✉️</span>
            {label}
            {messages.length > 0 ? (
              <span className="rounded-full bg-fir-700 px-2 py-0.5 text-xs font-bold text-snow">
                {plural(t, "thread.count", messages.length)}
              </span>
            ) : null}
          </summary>
          {body}
        </details>
      )}
    </div>
  );
}

function MessageItem({ message, mine, timezone }: { message: OrderMessageDto; mine: boolean; timezone: string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <li
      className={`max-w-[90%] rounded-2xl px-3 py-2 ${mine ? "ml-auto bg-fir-700 text-snow" : "mr-auto bg-white text-bark ring-1 ring-fir-600/20"}`}
      data-mine={mine ? "true" : undefined}
    >
      <p className="text-xs font-semibold">
        {mine ? t("thread.you") : message.author}
        <span aria-hidden="true"> · </span>
        <time dateTime={message.createdAt} className="font-normal">
          {formatDateTime(message.createdAt, timezone, locale)}
        </time>
      </p>
      <p className="break-words whitespace-pre-line">{message.body}</p>
    </li>
  );
}

/** The other side's messages, while the page is open: reload its data and read the message out. */
function useLiveThread(orderId: string, stallId: string, side: ThreadSide, announce: (text: string) => void) {
  const t = useT();
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  useEffect(() => {
    return withSocket((socket) => {
      const onMessage = (message: OrderMessageDto) => {
        if (message.orderId !== orderId || message.stallId !== stallId) return;
        revalidate.current();
        if (message.fromBuyer !== (side === "buyer")) {
          announce(t("thread.received", { name: message.author, body: message.body }));
        }
      };
      socket.on("order:message", onMessage);
      return () => {
        socket.off("order:message", onMessage);
      };
    });
  }, [orderId, stallId, side, announce, t]);
}

function Composer({
  orderId,
  stallId,
  other,
  anchor,
  standalone,
  onSent,
  reply,
}: ThreadProps & { onSent: (text: string) => void; reply?: ThreadReply }) {
  const t = useT();
  const live = useLive();
  const location = useLocation();
  const fetcher = useFetcher<ThreadReply>({ key: `thread-${orderId}-${stallId}` });
  const form = useRef<HTMLFormElement>(null);
  const handled = useRef<unknown>(null);
  const answer = live ? fetcher.data : reply;
  const failure = answer && "errors" in answer ? answer : null;
  const busy = fetcher.state !== "idle";
  // Once sent: an empty composer, focus kept in it, and "sent" read out. A refusal keeps the text.
  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data || handled.current === fetcher.data) return;
    handled.current = fetcher.data;
    const field = form.current?.elements.namedItem("body");
    if (!(field instanceof HTMLTextAreaElement)) return;
    if ("ok" in fetcher.data) {
      form.current?.reset();
      onSent(t("thread.sent", { name: other }));
    }
    field.focus();
  }, [fetcher.state, fetcher.data, onSent, other, t]);
  const Form = live ? fetcher.Form : "form";
  return (
    <Form ref={form} method="post" action={threadPath(orderId, stallId)} className="space-y-2">
      {/* Without JavaScript the action sends the visitor back here, to this thread. */}
      {live || standalone ? null : (
        <input type="hidden" name="back" value={`${location.pathname}${location.search}#${anchor}`} />
      )}
      <TextAreaField
        id={`${anchor}-body`}
        name="body"
        label={t("thread.label", { name: other })}
        hint={t("thread.hint")}
        rows={3}
        maxLength={ORDER_MESSAGE_MAX_LENGTH}
        required
        errors={failure?.errors.body}
      />
      {failure && !failure.errors.body ? (
        <p role="alert" className="text-sm font-semibold text-wine-800">
          {t((failure.formError ?? "form.fixErrors") as MessageKey, { seconds: failure.retryAfter ?? 0 })}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={busy}
        aria-busy={busy || undefined}
        className="inline-flex min-h-11 items-center justify-center rounded-full bg-fir-700 px-5 font-semibold text-snow hover:bg-fir-800 disabled:opacity-60"
      >
        {busy ? t("thread.sending") : t("thread.send")}
        <span className="sr-only"> : {other}</span>
      </button>
    </Form>
  );
}
