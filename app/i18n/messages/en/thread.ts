// English for app/i18n/messages/thread.ts, loaded by the browser only on English pages (app/i18n/en.ts).
import type { fr } from "../thread";

export const en: Record<keyof typeof fr, string> = {
  "thread.toBuyer": "Write to {name}",
  "thread.toStall": "Write to the stall",
  "thread.count#one": "{count} message",
  "thread.count#other": "{count} messages",
  "thread.privacy": "Your email addresses stay private: each of you is told by email and answers on Chalet.",
  "thread.list": "Messages with {name}",
  "thread.empty": "No messages yet.",
  "thread.you": "You",
  "thread.label": "Your message to {name}",
  "thread.hint": "To arrange the pickup, for instance. 1,000 characters at most.",
  "thread.send": "Send",
  "thread.sending": "Sending…",
  "thread.sent": "Message sent to {name}.",
  "thread.received": "New message from {name}: {body}",
  "thread.pageTitle": "Order {reference} · messages with {name}",
  "thread.back": "Back to the order",
  "thread.error.empty": "Write a message before sending.",
  "thread.error.tooLong": "Your message is over 1,000 characters: please shorten it.",
  "thread.error.notFound": "This conversation does not exist or is not yours.",
  "thread.error.rateLimited": "You sent many messages at once: try again in {seconds} s.",
  "thread.mail.subject": "Order {reference}: new message from {author}",
  "thread.mail.greeting": "Hello {name},",
  "thread.mail.intro": "{author} wrote to you about order {reference} ({market}):",
  "thread.mail.answer": "To read the conversation and answer:",
  "thread.mail.footer":
    "Do not reply to this email: your answer would not arrive. Your email address is never shown to the other person, nor theirs to you.",
};
