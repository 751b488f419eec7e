// The merchant's inbox: every stall room of theirs with what is unread and the newest message,
// kept live by the user:<id> room (use-merchant-inbox.ts), with a sound, a vibration and a
// browser notification when a visitor writes. Made for a phone left open on the counter.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { ChatMessageDto } from "~/realtime/events";
import type { InboxItem } from "~/realtime/merchant-inbox-view";
import { LiveDot } from "~/components/live-dot";
import { AlertSettingsCard } from "~/components/merchant/alert-settings-card";
import { useInboxAlerts, useMerchantInbox } from "~/realtime/use-merchant-inbox";
import { listMerchantInbox } from "~/models/chat-inbox.server";
import { inboxStallFacts } from "~/models/chat-console.server";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";

/** "(3) Messages · Chalet": the tab says how many wait, even in the background. */
function pageTitle(base: string, total: number) {
  return `${total > 0 ? `(${total}) ` : ""}${base} · Chalet`;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? pageTitle(
          data.heading,
          data.items.reduce((n, i) => n + i.unread, 0),
        )
      : "Chalet",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [rows, facts, { t }] = await Promise.all([
    listMerchantInbox(user.id),
    inboxStallFacts(user.id),
    getTranslator(request),
  ]);
  const items: InboxItem[] = rows.map((row) => ({
    stallId: row.stall.id,
    stallName: row.stall.name,
    stallSlug: row.stall.slug,
    marketName: row.stall.market.name,
    marketSlug: row.stall.market.slug,
    visible: facts.get(row.stall.id)?.visible ?? false,
    timezone: facts.get(row.stall.id)?.timezone ?? "Europe/Paris",
    unread: row.unread,
    lastReadId: row.lastReadId,
    last: row.last,
  }));
  return { heading: t("merchant.inbox.title"), selfId: user.id, items };
}

const conversationPath = (item: InboxItem) => `/m/${item.marketSlug}/${item.stallSlug}#chat`;

const excerpt = (body: string, max = 140) => (body.length > max ? `${body.slice(0, max - 1)}…` : body);

export default function MerchantInbox() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  // One identity per load: the hook takes a new array as "the server's rows changed".
  const loaded = useMemo(() => data.items, [data]);
  const alerts = useInboxAlerts();
  const { alert } = alerts;
  const [announcement, setAnnouncement] = useState("");
  const onVisitorMessage = useCallback(
    (message: ChatMessageDto, item: InboxItem) => {
      setAnnouncement(t("merchant.inbox.announce", { name: message.author.name, stall: item.stallName }));
      alert(
        t("merchant.inbox.notificationTitle", { stall: item.stallName }),
        excerpt(message.body),
        item.stallId,
        item.visible ? conversationPath(item) : "/merchant/inbox",
      );
    },
    [alert, t],
  );
  const inbox = useMerchantInbox(loaded, data.selfId, onVisitorMessage);

  useEffect(() => {
    document.title = pageTitle(data.heading, inbox.total);
  }, [data, inbox.total]);

  return (
    <div className="mx-auto max-w-2xl">
      <p className="mb-2 text-sm">
        <Link to="/merchant" className="font-semibold text-fir-800 underline underline-offset-4">
          <span aria-hidden="true">← </span>
          {t("merchant.home.title")}
        </Link>
      </p>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="font-display text-3xl text-fir-800">{t("merchant.inbox.title")}</h1>
        <LiveDot
          connected={inbox.connected}
          offline={inbox.offline}
          labels={{ live: "merchant.inbox.live", offline: "merchant.inbox.offline" }}
        />
      </div>
      <p className="mt-1 text-bark">{t("merchant.inbox.intro")}</p>
      <p className="mt-3 text-lg font-semibold text-fir-900" data-testid="inbox-total">
        {inbox.total === 0
          ? t("merchant.inbox.totalNone")
          : inbox.total === 1
            ? t("merchant.inbox.totalOne")
            : t("merchant.inbox.total", { n: inbox.total })}
      </p>
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>

      {inbox.items.length === 0 ? (
        <p className="mt-4 rounded-lg bg-gold-100 px-4 py-3">{t("merchant.inbox.none")}</p>
      ) : (
        <ul className="mt-4 space-y-3" aria-label={t("merchant.inbox.title")}>
          {inbox.items.map((item) => (
            <li key={item.stallId}>
              <InboxRow item={item} selfId={data.selfId} when={(iso) => formatDateTime(iso, item.timezone, locale)} />
            </li>
          ))}
        </ul>
      )}

      <AlertSettings alerts={alerts} />
    </div>
  );
}

function InboxRow({ item, selfId, when }: { item: InboxItem; selfId: string; when: (iso: string) => string }) {
  const t = useT();
  const heading = `inbox-${item.stallId}`;
  const last = item.last;
  const author = last ? (last.author.id === selfId ? t("merchant.inbox.you") : last.author.name) : null;
  return (
    <article
      aria-labelledby={heading}
      data-stall-id={item.stallId}
      className={`rounded-2xl bg-white p-4 shadow-sm ring-1 ${item.unread > 0 ? "ring-2 ring-wine-600" : "ring-fir-600/20"}`}
    >
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id={heading} className="text-xl font-semibold break-words text-fir-900">
            {item.stallName}
          </h2>
          <p className="text-sm text-bark">{item.marketName}</p>
        </div>
        {item.unread > 0 ? (
          <span
            className="shrink-0 rounded-full bg-wine-700 px-3 py-1 text-sm font-bold whitespace-nowrap text-snow"
            data-testid="inbox-unread"
          >
            {item.unread === 1 ? t("merchant.inbox.unreadOne") : t("merchant.inbox.unread", { n: item.unread })}
          </span>
        ) : null}
      </div>
      {last ? (
        <div className="mt-3 rounded-lg bg-fir-50 px-3 py-2">
          <p className="text-sm text-fir-900">
            <span className="font-semibold">{author}</span>
            {" · "}
            <time dateTime={last.createdAt}>{when(last.createdAt)}</time>
          </p>
          {/* Plain text as the visitor typed it: escaped by React, never turned into links. */}
          <p className="mt-1 line-clamp-2 break-words whitespace-pre-line text-bark">{excerpt(last.body)}</p>
        </div>
      ) : (
        <p className="mt-3 text-sm text-bark">{t("merchant.inbox.empty")}</p>
      )}
      {item.visible ? (
        <Link
          to={conversationPath(item)}
          className="mt-3 inline-flex min-h-12 w-full items-center justify-center rounded-full bg-fir-700 px-4 font-semibold text-snow hover:bg-fir-800 sm:w-auto"
        >
          {t("merchant.inbox.open")}
          <span className="sr-only"> ({item.stallName})</span>
        </Link>
      ) : (
        <p className="mt-3 text-sm text-bark">{t("merchant.inbox.notVisible")}</p>
      )}
    </article>
  );
}

function AlertSettings({ alerts }: { alerts: ReturnType<typeof useInboxAlerts> }) {
  const t = useT();
  const { permission, askPermission } = alerts;
  return (
    <AlertSettingsCard
      alerts={alerts}
      id="inbox-alerts"
      labels={{
        title: "merchant.inbox.alerts",
        sound: "merchant.inbox.sound",
        vibrate: "merchant.inbox.vibrate",
        vibrateUnsupported: "merchant.inbox.vibrateUnsupported",
      }}
    >
      <div className="mt-3" aria-live="polite">
        {permission === "default" ? (
          <>
            <button
              type="button"
              onClick={() => void askPermission()}
              aria-describedby="inbox-notify-hint"
              className="inline-flex min-h-12 items-center justify-center rounded-full px-4 font-semibold text-fir-800 ring-1 ring-fir-600/50 hover:bg-fir-50"
            >
              {t("merchant.inbox.notify")}
            </button>
            <p id="inbox-notify-hint" className="mt-1 text-sm text-bark">
              {t("merchant.inbox.notifyHint")}
            </p>
          </>
        ) : (
          <p className="text-sm text-bark">
            {permission === "granted"
              ? t("merchant.inbox.notifyOn")
              : permission === "denied"
                ? t("merchant.inbox.notifyDenied")
                : t("merchant.inbox.notifyUnsupported")}
          </p>
        )}
      </div>
    </AlertSettingsCard>
  );
}
