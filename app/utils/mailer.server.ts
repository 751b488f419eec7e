import nodemailer, { type Transporter } from "nodemailer";
import { db } from "./db.server";
import { env } from "./env.server";

export type Email = { to: string; subject: string; text: string; html?: string };

let transport: Transporter | null = null;
function smtp(): Transporter | null {
  if (!env.SMTP_URL) return null;
  transport ??= nodemailer.createTransport(env.SMTP_URL);
  return transport;
}

/**
 * The one way the app sends mail. Every message is kept in the outbox table first (so a
 * failed SMTP delivery is visible and nothing is lost); with SMTP_URL it is then sent.
 * Without SMTP the outbox is the delivery, readable at /dev/outbox outside production.
 */
export async function sendEmail(email: Email): Promise<{ id: string; sent: boolean }> {
  const row = await db.outboxEmail.create({
    data: { to: email.to, subject: email.subject, text: email.text, html: email.html },
  });
  // A deleted account's address (deleted-<id>@invalid, RFC 2606): kept in the outbox, never sent.
  if (/@invalid$/i.test(email.to)) {
    await db.outboxEmail.update({ where: { id: row.id }, data: { error: "deleted account: not sent" } });
    return { id: row.id, sent: false };
  }
  const transporter = smtp();
  if (!transporter) return { id: row.id, sent: false };
  try {
    // attachDataUrls: an image given as a data: URL in the HTML (the pickup QR code) is sent as
    // an inline attachment (cid:), which mail clients show where they block data: URLs.
    await transporter.sendMail({ from: env.MAIL_FROM, attachDataUrls: true, ...email });
    await db.outboxEmail.update({ where: { id: row.id }, data: { sentAt: new Date() } });
    return { id: row.id, sent: true };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.outboxEmail.update({ where: { id: row.id }, data: { error: message.slice(0, 500) } });
    console.error(`Mail to ${email.to} failed: ${message}`);
    return { id: row.id, sent: false };
  }
}

export function listOutbox(limit = 50) {
  return db.outboxEmail.findMany({ orderBy: { createdAt: "desc" }, take: limit });
}
