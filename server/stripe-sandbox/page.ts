// The hosted payment page (what checkout.stripe.com shows), phone first, French unless the
// session's locale says otherwise. Plain HTML forms: it works without JavaScript.
import express, { type Request, type Response, type Router } from "express";
import type Stripe from "stripe";
import { db } from "../../app/utils/db.server";
import { checkCard, checkIban, type CardError } from "./cards";
import { completePayment, declinePayment, lineItemsOfSession, type SandboxClock } from "./checkout";
import { openDisputeOfSession } from "./disputes";
import { langOf, messages, type SandboxMessages } from "./messages";
import { readObject } from "./store";

export type PageOptions = SandboxClock & { onChange: () => void; settleAfterMs: number };

type FieldName = "email" | "number" | "expiry" | "cvc" | "iban";
type FormState = {
  method: "card" | "sepa_debit";
  values: Partial<Record<FieldName, string>>;
  error: { message: string; field: FieldName } | null;
};

export const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function money(cents: number, currency: string, lang: string) {
  return new Intl.NumberFormat(lang === "fr" ? "fr-FR" : "en-GB", {
    style: "currency",
    currency: currency.toUpperCase(),
  }).format(cents / 100);
}

export const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2933;background:#f5f2ec}
main{max-width:28rem;margin:0 auto;padding:1rem}
.banner{background:#fff4d6;border:2px solid #5c3d0a;color:#3d2906;border-radius:.5rem;padding:.5rem .75rem;font-size:.875rem;font-weight:600}
h1{font-size:1.25rem;margin:1rem 0 .25rem}h2{font-size:1rem;margin:1.25rem 0 .5rem}
.total{font-size:2rem;font-weight:700;margin:0}
ul{list-style:none;padding:0;margin:0;background:#fff;border-radius:.75rem;border:1px solid #d9d3c7}
li{display:flex;justify-content:space-between;gap:1rem;padding:.75rem 1rem;border-top:1px solid #ece7dd}li:first-child{border-top:0}
.qty{color:#52606d;font-size:.875rem}
form{background:#fff;border:1px solid #d9d3c7;border-radius:.75rem;padding:1rem;margin-top:1rem}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input{width:100%;font:inherit;padding:.75rem;border:1px solid #7b8794;border-radius:.5rem;background:#fff;min-height:48px}
input:focus{outline:3px solid #2563eb;outline-offset:1px}
input[aria-invalid=true]{border-color:#b42318;border-width:2px}
.row{display:flex;gap:.75rem}.row>div{flex:1}
button{width:100%;margin-top:1rem;min-height:48px;font:inherit;font-weight:700;color:#fff;background:#14532d;border:0;border-radius:.5rem;cursor:pointer}
button:focus{outline:3px solid #2563eb;outline-offset:2px}
.error{background:#fef3f2;border:1px solid #b42318;color:#7a271a;border-radius:.5rem;padding:.75rem;margin-top:1rem}
.field-error{color:#b42318;font-size:.875rem;margin:.25rem 0 0}
.cancel{display:inline-block;margin:1.25rem 0;color:#1d4ed8;min-height:44px;padding:.5rem 0}
details{margin-top:1rem;font-size:.875rem}code{font-size:.9em}
.note{font-size:.875rem;color:#52606d}
`;

function layout(lang: string, t: SandboxMessages, body: string) {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(t.title)} · ${escape(t.merchant)}</title><meta name="robots" content="noindex"><style>${STYLE}</style></head>
<body><main><p class="banner" role="note"><span aria-hidden="true">⚠️ </span>${escape(t.sandboxBanner)}</p>${body}</main></body></html>`;
}

function field(args: {
  name: FieldName;
  label: string;
  state: FormState;
  type?: string;
  autocomplete: string;
  inputmode?: string;
  placeholder?: string;
}) {
  const { name, state } = args;
  const invalid = state.error?.field === name;
  const id = `f-${name}`;
  return `<label for="${id}">${escape(args.label)}</label>
<input id="${id}" name="${name}" type="${args.type ?? "text"}" autocomplete="${args.autocomplete}" required
 ${args.inputmode ? `inputmode="${args.inputmode}"` : ""} ${args.placeholder ? `placeholder="${escape(args.placeholder)}"` : ""}
 value="${escape(state.values[name] ?? "")}"${invalid ? ` aria-invalid="true" aria-describedby="${id}-error" autofocus` : ""}>
${invalid ? `<p class="field-error" id="${id}-error">${escape(state.error!.message)}</p>` : ""}`;
}

function paymentPage(session: Stripe.Checkout.Session, items: Stripe.LineItem[], state: FormState) {
  const lang = langOf(session.locale);
  const t = messages[lang];
  const currency = session.currency ?? "eur";
  const amount = money(session.amount_total ?? 0, currency, lang);
  const action = `/sandbox/checkout/${encodeURIComponent(session.id)}/pay`;
  const emailFor = (method: FormState["method"]): FormState =>
    state.method === method ? state : { method, values: { email: state.values.email }, error: null };
  const error = state.error
    ? `<div class="error" role="alert"><strong>${escape(t.errorTitle)}</strong><br>${escape(state.error.message)}</div>`
    : "";
  const card = emailFor("card");
  const sepa = emailFor("sepa_debit");
  const emailField = (s: FormState) =>
    field({ name: "email", label: t.email, state: s, type: "email", autocomplete: "email", inputmode: "email" });
  const sepaForm = session.payment_method_types.includes("sepa_debit")
    ? `<form method="post" action="${action}" aria-labelledby="sepa-title" novalidate>
<h2 id="sepa-title">${escape(t.sepaSection)}</h2>
<input type="hidden" name="method" value="sepa_debit">
${emailField(sepa)}
${field({ name: "iban", label: t.iban, state: sepa, autocomplete: "off", placeholder: "FR14 2004 1010 0505 0001 3M02 606" })}
<p class="note">${escape(t.sepaMandate)}</p>
<button type="submit">${escape(t.payBySepa.replace("{amount}", amount))}</button>
${state.method === "sepa_debit" ? error : ""}</form>`
    : "";
  const body = `<h1>${escape(t.merchant)}</h1>
<p class="total">${escape(amount)}</p>
<section aria-labelledby="summary-title"><h2 id="summary-title">${escape(t.summary)}</h2><ul>
${items
  .map(
    (item) =>
      `<li><span>${escape(item.description ?? "")}<br><span class="qty">${escape(t.quantity)} : ${item.quantity ?? 1}</span></span><span>${escape(money(item.amount_total, item.currency, lang))}</span></li>`,
  )
  .join("")}
<li><strong>${escape(t.total)}</strong><strong>${escape(amount)}</strong></li></ul></section>
${
  session.payment_method_types.includes("card")
    ? `<form method="post" action="${action}" aria-labelledby="card-title" novalidate>
<h2 id="card-title">${escape(t.cardSection)}</h2>
<input type="hidden" name="method" value="card">
${emailField(card)}
${field({ name: "number", label: t.cardNumber, state: card, autocomplete: "cc-number", inputmode: "numeric", placeholder: "4242 4242 4242 4242" })}
<div class="row"><div>${field({ name: "expiry", label: t.cardExpiry, state: card, autocomplete: "cc-exp", inputmode: "numeric", placeholder: "12 / 30" })}</div>
<div>${field({ name: "cvc", label: t.cardCvc, state: card, autocomplete: "cc-csc", inputmode: "numeric", placeholder: "123" })}</div></div>
<button type="submit">${escape(t.pay.replace("{amount}", amount))}</button>
${state.method === "card" ? error : ""}</form>`
    : ""
}
${sepaForm}
<details><summary>${escape(t.testCards)}</summary><ul>
<li><code>4242 4242 4242 4242</code><span>${escape(t.testCardPays)}</span></li>
<li><code>4000 0000 0000 0002</code><span>${escape(t.testCardDeclined)}</span></li>
<li><code>4000 0000 0000 9995</code><span>${escape(t.testCardFunds)}</span></li>
<li><code>4000 0000 0000 0259</code><span>${escape(t.testCardDisputed)}</span></li>
${session.payment_method_types.includes("sepa_debit") ? `<li><code>FR14 2004 1010 0505 0001 3M02 606</code><span>${escape(t.testIbanPays)}</span></li><li><code>FR30 2004 1010 0505 0001 3M02 609</code><span>${escape(t.testIbanFails)}</span></li>` : ""}
</ul></details>
${session.cancel_url ? `<a class="cancel" href="${escape(session.cancel_url)}">← ${escape(t.cancel)}</a>` : ""}`;
  return layout(lang, t, body);
}

function closedPage(session: Stripe.Checkout.Session) {
  const lang = langOf(session.locale);
  const t = messages[lang];
  const text = session.status === "expired" ? t.expired : session.success_url ? t.complete : t.paid;
  const back = session.status === "expired" ? session.cancel_url : session.success_url;
  return layout(
    lang,
    t,
    `<h1>${escape(t.merchant)}</h1><p role="status">${escape(text)}</p>${back ? `<a class="cancel" href="${escape(back.replace(/\{CHECKOUT_SESSION_ID\}/g, session.id))}">${escape(t.back)}</a>` : ""}`,
  );
}

async function loadSession(req: Request, res: Response) {
  const session = await readObject(db, "checkout.session", String(req.params.id));
  if (!session) {
    res
      .status(404)
      .type("html")
      .send(layout("fr", messages.fr, `<h1>${escape(messages.fr.notFound)}</h1>`));
    return null;
  }
  res.setHeader("Cache-Control", "no-store");
  return session;
}

export function createPageRouter(options: PageOptions): Router {
  const router = express.Router();

  router.get("/sandbox/checkout/:id", async (req, res, next) => {
    try {
      const session = await loadSession(req, res);
      if (!session) return;
      const expiredNow = session.status === "open" && session.expires_at * 1000 <= options.now().getTime();
      if (session.status !== "open" || expiredNow) {
        res
          .status(session.status === "complete" ? 200 : 410)
          .type("html")
          .send(closedPage(expiredNow ? { ...session, status: "expired" } : session));
        return;
      }
      const items = (await lineItemsOfSession(session.id)).data;
      const state: FormState = { method: "card", values: { email: session.customer_email ?? "" }, error: null };
      res.type("html").send(paymentPage(session, items, state));
    } catch (error) {
      next(error);
    }
  });

  router.post(
    "/sandbox/checkout/:id/pay",
    express.urlencoded({ extended: false, limit: "16kb" }),
    async (req, res, next) => {
      try {
        const session = await loadSession(req, res);
        if (!session) return;
        const t = messages[langOf(session.locale)];
        const form = (req.body ?? {}) as Record<string, unknown>;
        const text = (name: string) => (typeof form[name] === "string" ? (form[name] as string) : "");
        const method =
          text("method") === "sepa_debit" && session.payment_method_types.includes("sepa_debit")
            ? "sepa_debit"
            : "card";
        const values = {
          email: text("email").trim(),
          number: text("number"),
          expiry: text("expiry"),
          cvc: text("cvc"),
          iban: text("iban"),
        };
        // The card data is never kept: only its last four digits reach the charge, as at Stripe.
        const refuse = async (status: number, message: string, field: FieldName) => {
          const items = (await lineItemsOfSession(session.id)).data;
          const state: FormState = { method, values: { ...values, number: "", cvc: "" }, error: { message, field } };
          if (method === "sepa_debit") state.values.iban = values.iban;
          res
            .status(status)
            .type("html")
            .send(paymentPage(session, items, state));
        };
        if (session.status !== "open") {
          res.status(409).type("html").send(closedPage(session));
          return;
        }
        if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) return refuse(400, t.email_invalid, "email");

        let outcome;
        if (method === "card") {
          const card = checkCard(values, options.now());
          if (!card.ok) {
            const status =
              card.code === "incorrect_number" || card.code === "invalid_expiry" || card.code === "invalid_cvc"
                ? 400
                : 402;
            if (card.declined && card.declineCode) {
              await declinePayment(
                session.id,
                { type: "card", brand: "visa", ...card.declined, email: values.email },
                // Stripe's own message (English), as in its API; the page shows the buyer's language.
                { code: card.code, declineCode: card.declineCode, message: messages.en[card.code] },
                options,
              );
              options.onChange();
            }
            return refuse(status, t[card.code satisfies CardError], card.field);
          }
          outcome = await completePayment(
            session.id,
            {
              type: "card",
              brand: "visa",
              last4: card.last4,
              expMonth: card.expMonth,
              expYear: card.expYear,
              email: values.email,
            },
            options,
            null,
          );
          // The dispute card: the bank disputes the charge just made (Stripe's test mode does it at once).
          if (card.dispute && "session" in outcome) await openDisputeOfSession(outcome.session, options);
        } else {
          const iban = checkIban(values.iban);
          if (!iban.ok) return refuse(400, t.iban_invalid, "iban");
          outcome = await completePayment(
            session.id,
            { type: "sepa_debit", last4: iban.last4, country: iban.country, email: values.email },
            options,
            { outcome: iban.outcome, settleAfterMs: options.settleAfterMs },
          );
        }
        options.onChange();
        if ("closed" in outcome) {
          res.status(409).type("html").send(closedPage(outcome.closed));
          return;
        }
        const done = outcome.session;
        res.redirect(
          303,
          done.success_url
            ? done.success_url.replace(/\{CHECKOUT_SESSION_ID\}/g, done.id)
            : `/sandbox/checkout/${encodeURIComponent(done.id)}`,
        );
      } catch (error) {
        next(error);
      }
    },
  );
  return router;
}
