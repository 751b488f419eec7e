// The phone's camera as a QR code reader, in the browser: asked for only when the merchant presses
// "Scanner", stopped as soon as a code is read (or on "Arrêter", or when the screen is left). The
// browser's own BarcodeDetector reads frames where it exists; elsewhere jsQR (loaded on the first
// scan, not with the page) reads a canvas copy of the frame. Whatever the camera does, the typed
// field next to it keeps working: a refusal or a missing camera says so in words.
import { useCallback, useEffect, useRef, useState } from "react";
import type { MessageKey } from "~/i18n";
import { useT } from "~/utils/i18n";

type ScanState = "idle" | "looking" | "found" | "denied" | "absent" | "failed";

/** How often a frame is read: often enough to feel instant, rarely enough to leave a phone cool. */
const FRAME_MS = 150;

type Detector = { detect: (source: CanvasImageSource) => Promise<{ rawValue: string }[]> };
type DetectorClass = new (options: { formats: string[] }) => Detector;

/** A frame reader: the browser's BarcodeDetector when it reads QR codes, else jsQR on a canvas. */
async function frameReader(): Promise<(video: HTMLVideoElement) => Promise<string | null>> {
  const Native = (
    window as unknown as { BarcodeDetector?: DetectorClass & { getSupportedFormats?: () => Promise<string[]> } }
  ).BarcodeDetector;
  if (Native && (await Native.getSupportedFormats?.())?.includes("qr_code")) {
    const detector = new Native({ formats: ["qr_code"] });
    return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
  }
  const { default: jsQR } = await import("jsqr");
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  return async (video) => {
    if (!context || !video.videoWidth) return null;
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    context.drawImage(video, 0, 0);
    const frame = context.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(frame.data, frame.width, frame.height, { inversionAttempts: "dontInvert" })?.data ?? null;
  };
}

const MESSAGES: Partial<Record<ScanState, MessageKey>> = {
  looking: "collect.scan.looking",
  found: "collect.scan.found",
  denied: "collect.scan.denied",
  absent: "collect.scan.absent",
  failed: "collect.scan.failed",
};

export function CodeScanner({ onCode }: { onCode: (text: string) => void }) {
  const t = useT();
  const [state, setState] = useState<ScanState>("idle");
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const timer = useRef<number | null>(null);
  const startButton = useRef<HTMLButtonElement>(null);

  const stop = useCallback(() => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    stream.current?.getTracks().forEach((track) => track.stop());
    stream.current = null;
    if (video.current) video.current.srcObject = null;
  }, []);
  useEffect(() => stop, [stop]);

  const start = async () => {
    if (!navigator.mediaDevices?.getUserMedia) return setState("absent");
    try {
      stream.current = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: "environment" } },
        audio: false,
      });
    } catch (error) {
      const name = error instanceof DOMException ? error.name : "";
      setState(
        name === "NotAllowedError" || name === "SecurityError"
          ? "denied"
          : name === "NotFoundError" || name === "OverconstrainedError"
            ? "absent"
            : "failed",
      );
      return;
    }
    setState("looking");
    const element = video.current!;
    element.srcObject = stream.current;
    await element.play().catch(() => undefined);
    const read = await frameReader();
    const tick = async () => {
      if (!stream.current) return;
      const text = await read(element).catch(() => null);
      if (!stream.current) return;
      if (text) {
        stop();
        setState("found");
        onCode(text);
        return;
      }
      timer.current = window.setTimeout(tick, FRAME_MS);
    };
    void tick();
  };

  const close = () => {
    stop();
    setState("idle");
    startButton.current?.focus();
  };

  const message = MESSAGES[state];
  const problem = state === "denied" || state === "absent" || state === "failed";
  return (
    <div className="mt-4">
      {state === "looking" ? (
        <button
          type="button"
          onClick={close}
          className="inline-flex min-h-12 items-center rounded-full bg-white px-5 font-semibold text-fir-800 ring-2 ring-fir-700 hover:bg-fir-50"
        >
          {t("collect.scan.stop")}
        </button>
      ) : (
        <button
          ref={startButton}
          type="button"
          onClick={() => void start()}
          className="inline-flex min-h-12 items-center gap-2 rounded-full bg-fir-700 px-5 font-semibold text-snow hover:bg-fir-800"
        >
          <span aria-hidden="true">📷</span>
          {t("collect.scan.start")}
        </button>
      )}
      {/* Always in the page (hidden when idle) so the stream has somewhere to play at once. */}
      <video
        ref={video}
        muted
        playsInline
        aria-label={t("collect.scan.video")}
        hidden={state !== "looking"}
        className="mt-3 aspect-square w-full max-w-sm rounded-2xl bg-black object-cover"
      />
      <p role="status" className={message && !problem ? "mt-2 text-bark" : "sr-only"}>
        {message && !problem ? t(message) : ""}
      </p>
      <p role="alert" className={problem ? "mt-2 font-semibold text-wine-800" : "sr-only"}>
        {message && problem ? t(message) : ""}
      </p>
    </div>
  );
}
