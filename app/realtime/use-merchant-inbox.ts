// Keeps the merchant's inbox live: every signed-in socket is in its user:<id> room, where the
// server sends chat:message for the merchant's stalls, chat:deleted and chat:read. The rows come
// from the page's loader; the events move them in between (merchant-inbox-view.ts), and whatever
// the events cannot tell exactly makes the page reload its rows.
//
// A reload answers what the database held when it ran: events heard meanwhile would be lost by
// taking its rows as they are, so the recent messages and read marks are applied again on top
// (both are idempotent: a message already counted is ignored by its id).
import { useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import type { ChatMessageDto } from "./events";
import {
  eventsToReplay,
  inboxState,
  isVisitorMessage,
  reduceInbox,
  rememberEvent,
  totalUnread,
  type InboxEvent,
  type InboxItem,
  type Remembered,
} from "./merchant-inbox-view";
import { withSocket } from "./socket.client";

export type MerchantInbox = {
  items: InboxItem[];
  total: number;
  /** The socket is connected: the list follows by itself. */
  connected: boolean;
  /** It was connected and dropped: the list may be behind until it reconnects. */
  offline: boolean;
};

/**
 * `onVisitorMessage` is called once per new visitor's message (not the merchant's own), with
 * its row: the page's sound, vibration and notification.
 */
export function useMerchantInbox(
  loaded: InboxItem[],
  selfId: string,
  onVisitorMessage?: (message: ChatMessageDto, item: InboxItem) => void,
): MerchantInbox {
  const { revalidate } = useRevalidator();
  const [state, dispatch] = useReducer(reduceInbox, loaded, inboxState);
  const [connection, setConnection] = useState<"connecting" | "connected" | "offline">("connecting");
  const recent = useRef<Remembered[]>([]);
  const items = useRef(state.items);
  items.current = state.items;
  const notify = useRef(onVisitorMessage);
  notify.current = onVisitorMessage;

  const apply = useCallback((event: InboxEvent) => {
    recent.current = rememberEvent(recent.current, event, Date.now());
    dispatch(event);
  }, []);

  // New rows from the loader (a reload, a navigation back): they replace the list, then the
  // recent events go on top.
  useEffect(() => {
    dispatch({ type: "reset", items: loaded });
    for (const event of eventsToReplay(recent.current, Date.now())) dispatch(event);
  }, [loaded]);

  useEffect(() => {
    if (state.stale) revalidate();
  }, [state.stale, revalidate]);

  useEffect(() => {
    return withSocket((socket) => {
      // Every (re)connection may follow a gap the server does not replay: read the rows again.
      const onConnect = () => {
        setConnection("connected");
        revalidate();
      };
      const onDisconnect = () => setConnection("offline");
      const onMessage = (message: ChatMessageDto) => {
        const item = items.current.find((i) => i.stallId === message.stallId);
        const isNew = !item?.last || message.id > item.last.id;
        apply({ type: "message", message, selfId });
        if (item && isNew && isVisitorMessage(message, selfId)) notify.current?.(message, item);
      };
      const onDeleted = (event: { stallId: string; messageId: number }) => apply({ type: "deleted", ...event });
      const onRead = (event: { stallId: string; lastReadId: number }) => apply({ type: "read", ...event });
      if (socket.connected) setConnection("connected");
      socket.on("connect", onConnect);
      socket.on("disconnect", onDisconnect);
      socket.on("chat:message", onMessage);
      socket.on("chat:deleted", onDeleted);
      socket.on("chat:read", onRead);
      return () => {
        socket.off("connect", onConnect);
        socket.off("disconnect", onDisconnect);
        socket.off("chat:message", onMessage);
        socket.off("chat:deleted", onDeleted);
        socket.off("chat:read", onRead);
      };
    });
  }, [selfId, apply, revalidate]);

  return {
    items: state.items,
    total: totalUnread(state.items),
    connected: connection === "connected",
    offline: connection === "offline",
  };
}

// --- Alerts: sound, vibration and browser notifications, chosen per device ---------------------

export type AlertOptions = { sound: boolean; vibrate: boolean };
const OPTIONS_KEY = "chalet.inbox.alerts";
const DEFAULT_OPTIONS: AlertOptions = { sound: true, vibrate: true };

/** Where a page keeps its alert choices and what they are until chosen (a module constant: stable). */
export type AlertSettings = { storageKey: string; defaults: AlertOptions };
const INBOX_ALERTS: AlertSettings = { storageKey: OPTIONS_KEY, defaults: DEFAULT_OPTIONS };

function readOptions({ storageKey, defaults }: AlertSettings): AlertOptions {
  try {
    const raw: unknown = JSON.parse(window.localStorage.getItem(storageKey) ?? "null");
    if (typeof raw !== "object" || raw === null) return defaults;
    const value = raw as Record<string, unknown>;
    return {
      sound: typeof value.sound === "boolean" ? value.sound : defaults.sound,
      vibrate: typeof value.vibrate === "boolean" ? value.vibrate : defaults.vibrate,
    };
  } catch {
    // Storage refused (private mode) or a value written by hand: the defaults.
    return defaults;
  }
}

export type NotificationState = "unsupported" | NotificationPermission;

let audio: AudioContext | null = null;

/** Browsers only let sound start after a gesture: the context is made (or resumed) on one. */
function unlockAudio() {
  const Context = window.AudioContext as typeof AudioContext | undefined;
  if (!Context) return;
  audio ??= new Context();
  if (audio.state === "suspended") void audio.resume();
}

/** Two short notes, no file to download. */
function beep() {
  if (!audio || audio.state !== "running") return;
  const start = audio.currentTime;
  for (const [offset, frequency] of [
    [0, 880],
    [0.16, 1175],
  ] as const) {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = "sine";
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.25, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.14);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(start + offset);
    oscillator.stop(start + offset + 0.15);
  }
}

export function useInboxAlerts(settings: AlertSettings = INBOX_ALERTS) {
  // The server renders the defaults; the stored choices are read once in the browser.
  const [options, setOptions] = useState<AlertOptions>(settings.defaults);
  const [permission, setPermission] = useState<NotificationState>("default");
  const [canVibrate, setCanVibrate] = useState(true);

  useEffect(() => {
    setOptions(readOptions(settings));
    setPermission(typeof Notification === "undefined" ? "unsupported" : Notification.permission);
    setCanVibrate(typeof navigator.vibrate === "function");
    // The first tap anywhere allows the beep later on.
    const unlock = () => unlockAudio();
    window.addEventListener("pointerdown", unlock, { once: true });
    window.addEventListener("keydown", unlock, { once: true });
    return () => {
      window.removeEventListener("pointerdown", unlock);
      window.removeEventListener("keydown", unlock);
    };
  }, [settings]);

  const setOption = useCallback(
    (name: keyof AlertOptions, value: boolean) => {
      if (name === "sound" && value) unlockAudio();
      setOptions((current) => {
        const next = { ...current, [name]: value };
        try {
          window.localStorage.setItem(settings.storageKey, JSON.stringify(next));
        } catch {
          // Not stored: the choice lasts as long as the page.
        }
        return next;
      });
    },
    [settings.storageKey],
  );

  const askPermission = useCallback(async () => {
    if (typeof Notification === "undefined") return setPermission("unsupported");
    unlockAudio();
    setPermission(await Notification.requestPermission());
  }, []);

  const options_ = useRef(options);
  options_.current = options;

  /** Sound and vibration as chosen; a notification (opening `href`) only while the page is hidden and allowed. */
  const alert = useCallback((title: string, body: string, tag: string, href: string) => {
    if (options_.current.sound) beep();
    if (options_.current.vibrate && typeof navigator.vibrate === "function") navigator.vibrate([120, 80, 120]);
    if (document.visibilityState === "hidden" && typeof Notification !== "undefined") {
      if (Notification.permission === "granted") {
        const notification = new Notification(title, { body, tag, lang: document.documentElement.lang });
        // A tap opens the conversation, in this tab.
        notification.onclick = () => {
          window.focus();
          notification.close();
          window.location.assign(href);
        };
      }
    }
  }, []);

  return { options, setOption, permission, askPermission, canVibrate, alert };
}
