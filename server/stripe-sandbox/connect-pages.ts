// The pages Stripe hosts for connected accounts, as the sandbox shows them: the onboarding page an
// account link opens (a few fields and the outcome of the verification, chosen by the merchant
// since nothing is verified here) and the Express dashboard a login link opens (the account and
// the transfers it received). French unless the browser asks for English; phone first; plain HTML
// forms, no script.
import express, { type Request, type Response, type Router } from "express";
import type Stripe from "stripe";
import { db } from "../../app/utils/db.server";
import {
  accountOfLoginLink,
  submitOnboarding,
  transfersTo,
  usableAccountLink,
  type OnboardingOutcome,
  type SandboxAccountLink,
} from "./account-links";
import { stateOfAccount, type SandboxAccountState } from "./accounts";
import { checkIban } from "./cards";
import type { SandboxClock } from "./checkout";
import { escape, STYLE } from "./page";

export type ConnectPageOptions = SandboxClock & { onChange: () => void; verifyAfterMs: number };

const fr = {
  banner:
    "Démonstration : cette page imite celle de Stripe, rien n’est vérifié ni transmis. N’entrez pas vos vraies informations.",
  onboardingTitle: "Recevoir l’argent de vos ventes",
  onboardingIntro:
    "Chalet confie les paiements à Stripe. Pour que l’argent de vos ventes vous soit versé, Stripe doit connaître la personne qui tient le stand et le compte bancaire où verser.",
  you: "Vous",
  firstName: "Prénom",
  lastName: "Nom",
  bank: "Compte bancaire",
  iban: "IBAN",
  ibanHint: "IBAN de test : FR14 2004 1010 0505 0001 3M02 606",
  outcome: "Résultat de la vérification (simulation)",
  outcomeComplete: "Tout est en ordre : le compte devient actif après quelques secondes de vérification",
  outcomeVerifying: "La vérification reste en cours",
  outcomeRestricted: "Stripe demande un autre justificatif d’identité (compte restreint)",
  submit: "Envoyer à Stripe",
  leave: "Revenir à Chalet sans terminer",
  errorTitle: "Certaines informations manquent",
  required: "Ce champ est obligatoire.",
  ibanInvalid: "Cet IBAN n’est pas un IBAN de test.",
  notFound: "Ce lien n’existe pas.",
  dashboardTitle: "Votre compte Stripe (simulation du tableau de bord Express)",
  dashboardExpired: "Ce lien a expiré : rouvrez le tableau de bord depuis Chalet.",
  email: "Adresse e-mail",
  status: "État",
  states: {
    onboarding: "Inscription à terminer",
    verifying: "Vérification en cours",
    active: "Actif : les virements peuvent vous parvenir",
    restricted: "Restreint : Stripe demande d’autres informations",
  } satisfies Record<SandboxAccountState, string>,
  requirements: "Ce que Stripe demande encore",
  transfers: "Virements reçus",
  noTransfers: "Aucun virement pour le moment.",
  totalReceived: "Total reçu",
  reversed: "dont repris",
  group: "Commande",
};

type ConnectMessages = typeof fr;

const en: ConnectMessages = {
  banner: "Demo: this page imitates Stripe’s, nothing is verified or sent. Do not enter your real details.",
  onboardingTitle: "Get paid for your sales",
  onboardingIntro:
    "Chalet leaves payments to Stripe. To pay you for your sales, Stripe needs to know who runs the stall and the bank account to pay into.",
  you: "You",
  firstName: "First name",
  lastName: "Last name",
  bank: "Bank account",
  iban: "IBAN",
  ibanHint: "Test IBAN: FR14 2004 1010 0505 0001 3M02 606",
  outcome: "Outcome of the verification (simulated)",
  outcomeComplete: "All in order: the account becomes active after a few seconds of verification",
  outcomeVerifying: "The verification stays under way",
  outcomeRestricted: "Stripe asks for another identity document (restricted account)",
  submit: "Send to Stripe",
  leave: "Go back to Chalet without finishing",
  errorTitle: "Some details are missing",
  required: "This field is required.",
  ibanInvalid: "This IBAN is not a test IBAN.",
  notFound: "This link does not exist.",
  dashboardTitle: "Your Stripe account (simulated Express dashboard)",
  dashboardExpired: "This link has expired: open the dashboard again from Chalet.",
  email: "Email address",
  status: "Status",
  states: {
    onboarding: "Sign-up to finish",
    verifying: "Being verified",
    active: "Active: transfers can reach you",
    restricted: "Restricted: Stripe asks for more information",
  },
  requirements: "What Stripe still asks for",
  transfers: "Transfers received",
  noTransfers: "No transfers yet.",
  totalReceived: "Total received",
  reversed: "of which reversed",
  group: "Order",
};

type Lang = "fr" | "en";
const MESSAGES: Record<Lang, ConnectMessages> = { fr, en };

/** Stripe's hosted pages follow the browser's language; French first here. */
function langOf(req: Request): Lang {
  return req.acceptsLanguages("fr", "en") === "en" ? "en" : "fr";
}

const EXTRA_STYLE = `
fieldset{border:0;padding:0;margin:1rem 0 0}legend{font-weight:600;margin-bottom:.25rem}
.choice{display:flex;gap:.75rem;align-items:flex-start;padding:.5rem 0;min-height:44px;font-weight:400;margin:0}
.choice input{width:1.25rem;height:1.25rem;min-height:0;margin:.15rem 0 0;flex:none}
.hint{font-size:.875rem;color:#52606d;margin:.25rem 0 0}
dl{background:#fff;border:1px solid #d9d3c7;border-radius:.75rem;padding:.75rem 1rem;margin:1rem 0}
dt{font-weight:600;margin-top:.5rem}dt:first-child{margin-top:0}dd{margin:0}
`;

function layout(lang: Lang, title: string, body: string) {
  const t = MESSAGES[lang];
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(title)} · Stripe (sandbox)</title><meta name="robots" content="noindex"><style>${STYLE}${EXTRA_STYLE}</style></head>
<body><main><p class="banner" role="note"><span aria-hidden="true">⚠️ </span>${escape(t.banner)}</p>${body}</main></body></html>`;
}

type Field = "firstName" | "lastName" | "iban";
type OnboardingForm = {
  values: Partial<Record<Field, string>>;
  outcome: OnboardingOutcome;
  errors: Partial<Record<Field, string>>;
};

function input(t: ConnectMessages, form: OnboardingForm, name: Field, autocomplete: string, hint?: string) {
  const id = `f-${name}`;
  const error = form.errors[name];
  const described = [error ? `${id}-error` : "", hint ? `${id}-hint` : ""].filter(Boolean).join(" ");
  return `<label for="${id}">${escape(t[name])}</label>
<input id="${id}" name="${name}" type="text" autocomplete="${autocomplete}" required value="${escape(form.values[name] ?? "")}"${
    error ? ` aria-invalid="true"` : ""
  }${described ? ` aria-describedby="${described}"` : ""}>
${hint ? `<p class="hint" id="${id}-hint">${escape(hint)}</p>` : ""}${error ? `<p class="field-error" id="${id}-error">${escape(error)}</p>` : ""}`;
}

function onboardingPage(lang: Lang, link: SandboxAccountLink, form: OnboardingForm) {
  const t = MESSAGES[lang];
  const choice = (value: OnboardingOutcome, label: string) =>
    `<label class="choice"><input type="radio" name="outcome" value="${value}"${form.outcome === value ? " checked" : ""}> <span>${escape(label)}</span></label>`;
  const hasErrors = Object.keys(form.errors).length > 0;
  return layout(
    lang,
    t.onboardingTitle,
    `<h1>${escape(t.onboardingTitle)}</h1><p>${escape(t.onboardingIntro)}</p>
${hasErrors ? `<div class="error" role="alert"><strong>${escape(t.errorTitle)}</strong></div>` : ""}
<form method="post" action="/sandbox/connect/onboarding/${encodeURIComponent(link.id)}" novalidate>
<h2>${escape(t.you)}</h2>
${input(t, form, "firstName", "given-name")}
${input(t, form, "lastName", "family-name")}
<h2>${escape(t.bank)}</h2>
${input(t, form, "iban", "off", t.ibanHint)}
<fieldset><legend>${escape(t.outcome)}</legend>
${choice("complete", t.outcomeComplete)}
${choice("verifying", t.outcomeVerifying)}
${choice("restricted", t.outcomeRestricted)}
</fieldset>
<button type="submit">${escape(t.submit)}</button>
</form>
<a class="cancel" href="${escape(link.return_url)}">← ${escape(t.leave)}</a>`,
  );
}

function money(cents: number, currency: string, lang: Lang) {
  return new Intl.NumberFormat(lang === "fr" ? "fr-FR" : "en-GB", {
    style: "currency",
    currency: currency.toUpperCase(),
  }).format(cents / 100);
}

async function dashboardPage(lang: Lang, account: Stripe.Account) {
  const t = MESSAGES[lang];
  const state = (await stateOfAccount(account.id)) ?? "onboarding";
  const due = [...new Set([...(account.requirements?.currently_due ?? []), ...(account.requirements?.past_due ?? [])])];
  const transfers = await transfersTo(account.id);
  const total = transfers.reduce((sum, transfer) => sum + transfer.amount - transfer.amountReversed, 0);
  const date = (unix: number) =>
    new Intl.DateTimeFormat(lang === "fr" ? "fr-FR" : "en-GB", { dateStyle: "medium", timeStyle: "short" }).format(
      new Date(unix * 1000),
    );
  return layout(
    lang,
    t.dashboardTitle,
    `<h1>${escape(t.dashboardTitle)}</h1>
<dl><dt>${escape(t.status)}</dt><dd>${escape(t.states[state])}</dd>
${account.email ? `<dt>${escape(t.email)}</dt><dd>${escape(account.email)}</dd>` : ""}
${due.length ? `<dt>${escape(t.requirements)}</dt><dd><code>${due.map(escape).join("</code>, <code>")}</code></dd>` : ""}
<dt>${escape(t.totalReceived)}</dt><dd>${escape(money(total, "eur", lang))}</dd></dl>
<h2>${escape(t.transfers)}</h2>
${
  transfers.length
    ? `<ul>${transfers
        .map(
          (transfer) =>
            `<li><span>${escape(date(transfer.created))}${transfer.transferGroup ? `<br><span class="qty">${escape(t.group)} ${escape(transfer.transferGroup)}</span>` : ""}</span><span>${escape(money(transfer.amount, transfer.currency, lang))}${
              transfer.amountReversed
                ? `<br><span class="qty">${escape(t.reversed)} ${escape(money(transfer.amountReversed, transfer.currency, lang))}</span>`
                : ""
            }</span></li>`,
        )
        .join("")}</ul>`
    : `<p>${escape(t.noTransfers)}</p>`
}`,
  );
}

function notFound(res: Response, lang: Lang, text: string) {
  res
    .status(404)
    .type("html")
    .send(layout(lang, text, `<h1>${escape(text)}</h1>`));
}

export function createConnectPageRouter(options: ConnectPageOptions): Router {
  const router = express.Router();

  router.get("/sandbox/connect/onboarding/:id", async (req, res, next) => {
    try {
      res.setHeader("Cache-Control", "no-store");
      const lang = langOf(req);
      const { link, usable } = await usableAccountLink(String(req.params.id), options);
      if (!link) return notFound(res, lang, MESSAGES[lang].notFound);
      // An expired or used link goes to refresh_url, where the app makes a new one (as at Stripe).
      if (!usable) return res.redirect(303, link.refresh_url);
      res.type("html").send(onboardingPage(lang, link, { values: {}, outcome: "complete", errors: {} }));
    } catch (error) {
      next(error);
    }
  });

  router.post(
    "/sandbox/connect/onboarding/:id",
    express.urlencoded({ extended: false, limit: "16kb" }),
    async (req, res, next) => {
      try {
        res.setHeader("Cache-Control", "no-store");
        const lang = langOf(req);
        const t = MESSAGES[lang];
        const { link, usable } = await usableAccountLink(String(req.params.id), options);
        if (!link) return notFound(res, lang, t.notFound);
        if (!usable) return res.redirect(303, link.refresh_url);
        const body = (req.body ?? {}) as Record<string, unknown>;
        const text = (name: string) => (typeof body[name] === "string" ? (body[name] as string).trim() : "");
        const outcomeText = text("outcome");
        const outcome: OnboardingOutcome =
          outcomeText === "verifying" || outcomeText === "restricted" ? outcomeText : "complete";
        const form: OnboardingForm = {
          values: { firstName: text("firstName"), lastName: text("lastName"), iban: text("iban") },
          outcome,
          errors: {},
        };
        if (!form.values.firstName) form.errors.firstName = t.required;
        if (!form.values.lastName) form.errors.lastName = t.required;
        if (!form.values.iban) form.errors.iban = t.required;
        else if (!checkIban(form.values.iban).ok) form.errors.iban = t.ibanInvalid;
        if (Object.keys(form.errors).length) {
          res
            .status(400)
            .type("html")
            .send(onboardingPage(lang, link, form));
          return;
        }
        const submitted = await submitOnboarding(link, outcome, options);
        options.onChange();
        res.redirect(303, submitted ? link.return_url : link.refresh_url);
      } catch (error) {
        next(error);
      }
    },
  );

  router.get("/sandbox/connect/dashboard/:id", async (req, res, next) => {
    try {
      res.setHeader("Cache-Control", "no-store");
      const lang = langOf(req);
      const account = await accountOfLoginLink(String(req.params.id), options);
      if (!account) {
        const known = await db.stripeSandboxObject.count({ where: { id: String(req.params.id), type: "login_link" } });
        return notFound(res, lang, known ? MESSAGES[lang].dashboardExpired : MESSAGES[lang].notFound);
      }
      res.type("html").send(await dashboardPage(lang, account));
    } catch (error) {
      next(error);
    }
  });
  return router;
}
