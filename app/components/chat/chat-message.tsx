// One message of a stall's chat, and what can be done to it. The body is the author's text as
// typed: rendered as a React text node (escaped), line breaks kept, long words broken, and no
// link made clickable (design §8: links stay text until a moderator allows them).
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import type { PendingMessage } from "~/realtime/chat-view";
import type { Ack, ChatMessageDto } from "~/realtime/events";
import { useLocale, useT } from "~/utils/i18n";
import { formatTime } from "~/utils/format";
import { messageTime } from "./chat-time";

const MUTE_CHOICES = [
  { minutes: 15, key: "chat.actions.mute15" },
  { minutes: 60, key: "chat.actions.mute60" },
  { minutes: 1440, key: "chat.actions.mute1440" },
] as const;

export type MessageActions = {
  canDelete: boolean;
  canMute: boolean;
  canReport: boolean;
  remove: (messageId: number) => Promise<Ack<unknown>>;
  mute: (messageId: number, minutes: number) => Promise<Ack<{ until: string }>>;
  report: (messageId: number, reason: string) => Promise<Ack<unknown>>;
};

function Bubble({
  name,
  isMerchant,
  mine,
  time,
  dateTime,
  body,
  footer,
  tools,
}: {
  name: string;
  isMerchant: boolean;
  mine: boolean;
  time: string;
  dateTime: string;
  body: string;
  footer?: ReactNode;
  tools?: ReactNode;
}) {
  const t = useT();
  const tone = isMerchant
    ? "bg-gold-100 ring-gold-600/40"
    : mine
      ? "bg-fir-50 ring-fir-600/25"
      : "bg-white ring-bark/15";
  return (
    <div className={`flex min-w-0 flex-col ${mine ? "items-end" : "items-start"}`}>
      <div className={`flex max-w-[92%] min-w-0 items-start gap-1 sm:max-w-[85%] ${mine ? "flex-row-reverse" : ""}`}>
        <div className={`min-w-0 rounded-2xl px-3.5 py-2 shadow-sm ring-1 ${tone}`}>
          <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
            <span className="font-semibold text-fir-900">{mine ? t("chat.you") : name}</span>
            {isMerchant ? (
              <span className="rounded-full bg-fir-700 px-2 py-0.5 text-xs font-semibold text-snow">
                {t("chat.merchantBadge")}
              </span>
            ) : null}
            <time dateTime={dateTime} className="text-xs text-bark/75">
              {time}
            </time>
          </p>
          <p className="mt-0.5 whitespace-pre-wrap break-words text-bark wrap-anywhere" data-testid="chat-body">
            {body}
          </p>
        </div>
        {tools}
      </div>
      {footer}
    </div>
  );
}

export function StoredMessage({
  message,
  mine,
  timezone,
  now,
  actions,
}: {
  message: ChatMessageDto;
  mine: boolean;
  timezone: string;
  now: number;
  actions: MessageActions;
}) {
  const locale = useLocale();
  const has = actions.canDelete || actions.canMute || actions.canReport;
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const t = useT();
  const panelId = useId();
  const close = () => {
    setOpen(false);
    trigger.current?.focus();
  };
  return (
    <Bubble
      name={message.author.name}
      isMerchant={message.author.isMerchant}
      mine={mine}
      time={messageTime(message.createdAt, timezone, locale, now)}
      dateTime={message.createdAt}
      body={message.body}
      tools={
        has ? (
          <button
            ref={trigger}
            type="button"
            className="flex size-11 shrink-0 items-center justify-center rounded-full text-lg leading-none text-bark/80 hover:bg-bark/10"
            aria-label={t("chat.actions.open", { name: mine ? t("chat.you") : message.author.name })}
            aria-expanded={open}
            aria-controls={open ? panelId : undefined}
            onClick={() => setOpen((o) => !o)}
          >
            <span aria-hidden="true">⋯</span>
          </button>
        ) : null
      }
      footer={
        open ? (
          <ActionsPanel
            id={panelId}
            message={message}
            actions={actions}
            onClose={close}
            formatUntil={(until) => formatTime(until, timezone, locale)}
          />
        ) : null
      }
    />
  );
}

type Step = "menu" | "delete" | "mute" | "report";

function ActionsPanel({
  id,
  message,
  actions,
  onClose,
  formatUntil,
}: {
  id: string;
  message: ChatMessageDto;
  actions: MessageActions;
  onClose: () => void;
  formatUntil: (iso: string) => string;
}) {
  const t = useT();
  const [step, setStep] = useState<Step>("menu");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [minutes, setMinutes] = useState<number>(15);
  const [reason, setReason] = useState("");
  const panel = useRef<HTMLDivElement>(null);
  const name = message.author.name;

  // Each step starts on its first control, so keyboard and screen-reader users land in it.
  useEffect(() => {
    panel.current?.querySelector<HTMLElement>("button, input, textarea")?.focus();
  }, [step]);

  const run = async (action: () => Promise<Ack<unknown>>, success: (data: unknown) => string) => {
    setBusy(true);
    const answer = await action();
    setBusy(false);
    setResult(answer.ok ? { ok: true, text: success(answer.data) } : { ok: false, text: answer.error.message });
    if (answer.ok) setStep("menu");
  };

  const button =
    "min-h-10 rounded-full px-4 py-1.5 text-sm font-semibold ring-1 disabled:opacity-60 disabled:cursor-not-allowed";
  const quiet = `${button} bg-white text-fir-800 ring-fir-600/30 hover:bg-fir-50`;
  const danger = `${button} bg-wine-700 text-snow ring-wine-800 hover:bg-wine-800`;

  return (
    <div
      id={id}
      ref={panel}
      className="mt-1 w-full max-w-sm rounded-xl bg-white p-3 text-sm shadow-md ring-1 ring-bark/15"
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      {step === "menu" ? (
        <div className="flex flex-wrap gap-2">
          {actions.canDelete ? (
            <button type="button" className={quiet} onClick={() => setStep("delete")}>
              {t("chat.actions.delete")}
            </button>
          ) : null}
          {actions.canMute ? (
            <button type="button" className={quiet} onClick={() => setStep("mute")}>
              {t("chat.actions.mute")}
            </button>
          ) : null}
          {actions.canReport ? (
            <button type="button" className={quiet} onClick={() => setStep("report")}>
              {t("chat.actions.report")}
            </button>
          ) : null}
          <button type="button" className={quiet} onClick={onClose}>
            {t("chat.actions.close")}
          </button>
        </div>
      ) : null}

      {step === "delete" ? (
        <div>
          <p className="font-semibold text-bark">{t("chat.actions.deleteConfirm")}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <button
              type="button"
              className={danger}
              disabled={busy}
              onClick={() =>
                void run(
                  () => actions.remove(message.id),
                  () => "",
                )
              }
            >
              {t("chat.actions.deleteYes")}
            </button>
            <button type="button" className={quiet} onClick={() => setStep("menu")}>
              {t("chat.actions.cancel")}
            </button>
          </div>
        </div>
      ) : null}

      {step === "mute" ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void run(
              () => actions.mute(message.id, minutes),
              (data) => t("chat.actions.muted", { name, time: formatUntil((data as { until: string }).until) }),
            );
          }}
        >
          <fieldset>
            <legend className="font-semibold text-bark">{t("chat.actions.muteConfirm", { name })}</legend>
            <div className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
              {MUTE_CHOICES.map((choice) => (
                <label key={choice.minutes} className="flex min-h-10 items-center gap-2">
                  <input
                    type="radio"
                    name={`mute-${message.id}`}
                    value={choice.minutes}
                    checked={minutes === choice.minutes}
                    onChange={() => setMinutes(choice.minutes)}
                    className="size-4 accent-fir-700"
                  />
                  {t(choice.key)}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="mt-2 flex flex-wrap gap-2">
            <button type="submit" className={danger} disabled={busy}>
              {t("chat.actions.muteYes")}
            </button>
            <button type="button" className={quiet} onClick={() => setStep("menu")}>
              {t("chat.actions.cancel")}
            </button>
          </div>
        </form>
      ) : null}

      {step === "report" ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void run(
              () => actions.report(message.id, reason),
              () => t("chat.actions.reported"),
            );
          }}
        >
          <label className="block font-semibold text-bark" htmlFor={`${id}-reason`}>
            {t("chat.actions.reportReason")}
          </label>
          <input
            id={`${id}-reason`}
            type="text"
            maxLength={200}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            className="mt-1 block w-full rounded-lg border border-fir-600/40 bg-white px-3 py-2 text-base text-bark"
          />
          <div className="mt-2 flex flex-wrap gap-2">
            <button type="submit" className={danger} disabled={busy}>
              {t("chat.actions.reportYes")}
            </button>
            <button type="button" className={quiet} onClick={() => setStep("menu")}>
              {t("chat.actions.cancel")}
            </button>
          </div>
        </form>
      ) : null}

      <p role="status" className={result ? "mt-2" : "sr-only"}>
        {result ? (
          <span className={result.ok ? "text-fir-800" : "font-semibold text-wine-700"}>{result.text}</span>
        ) : null}
      </p>
    </div>
  );
}

export function PendingBubble({
  pending,
  name,
  isMerchant,
  timezone,
  now,
  onRetry,
  onDiscard,
}: {
  pending: PendingMessage;
  name: string;
  isMerchant: boolean;
  timezone: string;
  now: number;
  onRetry: () => void;
  onDiscard: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const failed = pending.status === "failed";
  return (
    <div data-testid="chat-pending" data-status={pending.status}>
      <Bubble
        name={name}
        isMerchant={isMerchant}
        mine
        time={messageTime(pending.createdAt, timezone, locale, now)}
        dateTime={pending.createdAt}
        body={pending.body}
        footer={
          <div className="mt-1 flex max-w-[92%] flex-col items-end gap-1 text-right text-sm">
            {failed ? (
              <>
                <p className="font-semibold text-wine-700">
                  <span aria-hidden="true">⚠ </span>
                  {t("chat.failed")}
                  {pending.error ? ` : ${pending.error.message}` : ""}
                </p>
                <div className="flex flex-wrap justify-end gap-2">
                  <button
                    type="button"
                    onClick={onRetry}
                    className="min-h-10 rounded-full bg-fir-700 px-4 py-1.5 font-semibold text-snow hover:bg-fir-800"
                  >
                    {t("chat.retry")}
                  </button>
                  <button
                    type="button"
                    onClick={onDiscard}
                    className="min-h-10 rounded-full bg-white px-4 py-1.5 font-semibold text-wine-700 ring-1 ring-wine-700/30 hover:bg-wine-50"
                  >
                    {t("chat.discard")}
                  </button>
                </div>
              </>
            ) : (
              <p className="text-bark/75">{pending.status === "sending" ? t("chat.sending") : t("chat.queued")}</p>
            )}
          </div>
        }
      />
    </div>
  );
}
