// English for app/i18n/messages/legal.ts, loaded by the browser only on English pages (app/i18n/en.ts).
import type { fr } from "../legal";

export const en: Record<keyof typeof fr, string> = {
  "footer.legal": "Legal information",
  "footer.notice": "Legal notice",
  "footer.terms": "Terms of sale",
  "footer.privacy": "Privacy",

  "legal.notSet": "not provided",
  "legal.siret.invalid":
    "This SIRET number is not valid: it needs 14 digits (spaces allowed) with a correct check digit. Copy it from your Kbis extract or your INSEE registration notice.",

  "legal.field.legend": "Seller’s legal identity",
  "legal.field.hint":
    "Shown on your stall’s page and in the market’s terms of sale. Required before the organisers can approve your stall.",
  "legal.field.legalName": "Company or trader name",
  "legal.field.siret": "SIRET number",
  "legal.field.siretHint": "14 digits, for example 812 345 676 00017",
  "legal.field.legalAddress": "Business address",
  "legal.field.requiredWhileApproved":
    "Your stall is approved: its legal identity (company name, SIRET, address) must stay complete.",

  "legal.missing.legalName": "company name",
  "legal.missing.siret": "valid SIRET",
  "legal.missing.legalAddress": "address",

  "legal.review.identity": "Legal identity",
  "legal.review.missing": "To be completed by the merchant before approval: {fields}.",
  "legal.review.refused":
    "The stall “{name}” cannot be approved: its legal identity is missing ({fields}). Ask the merchant to complete it in their stall’s settings.",

  "legal.stall.seller": "Seller",
  "legal.stall.soldBy": "Sold by {name}",
  "legal.stall.terms": "The market’s terms of sale",

  "legal.mail.awaiting.subject": "Stall to approve: {stall} ({market})",
  "legal.mail.awaiting.text":
    "Hello,\n\n{merchant} created the stall “{stall}” in the market “{market}”. It awaits your approval:\n{link}",
  "legal.mail.awaiting.missing":
    "Its legal identity is incomplete ({fields}): it can only be approved once the merchant completes it.",
  "legal.mail.approved.subject": "Your stall “{stall}” is approved",
  "legal.mail.approved.text":
    "Hello,\n\nThe organisers of the market “{market}” approved your stall “{stall}”. The public can see it as soon as the market is published:\n{page}\n\nYour merchant pages:\n{console}",
  "legal.mail.rejected.subject": "Your stall “{stall}” was not accepted",
  "legal.mail.rejected.text":
    "Hello,\n\nThe organisers of the market “{market}” did not accept your stall “{stall}”: the public cannot see it. To know more, reply to the organisers who invited you.\n\nYour merchant pages:\n{console}",

  "legal.notice.title": "Legal notice",
  "legal.notice.titleOf": "Legal notice · {town}",
  "legal.notice.intro": "This virtual Christmas market is published by {town}.",
  "legal.notice.chooseTown": "This site hosts the markets of several towns. Choose the town that publishes the market:",
  "legal.notice.noTown": "No town is registered on this site yet.",
  "legal.notice.editor": "Publisher",
  "legal.notice.name": "Name",
  "legal.notice.address": "Address",
  "legal.notice.email": "Email",
  "legal.notice.phone": "Phone",
  "legal.notice.director": "Director of publication",
  "legal.notice.host": "Host",
  "legal.notice.hostContact": "Contact",
  "legal.notice.software": "Software",
  "legal.notice.softwareText":
    "The site runs Chalet, open-source software for virtual Christmas markets. Payments are processed by Stripe Payments Europe, Ltd.",
  "legal.notice.markets": "The markets’ terms of sale",
  "legal.notice.noMarkets": "No published market for now.",
  "legal.notice.privacy": "Personal data",
  "legal.notice.privacyText": "What the site keeps, why and for how long: see the privacy notice.",

  "legal.terms.title": "Terms of sale · {market}",
  "legal.terms.intro": "These terms apply to purchases made at the market “{market}”, organised by {town}.",
  "legal.terms.sellers": "Who sells",
  "legal.terms.sellersText":
    "Each product is sold by the merchant of the stall that offers it: the contract of sale is between you and that merchant. The sellers of this market:",
  "legal.terms.noSellers": "No stall is approved in this market yet.",
  "legal.terms.stallLink": "Stall “{stall}”",
  "legal.terms.siret": "SIRET",
  "legal.terms.role": "The town’s and the platform’s role",
  "legal.terms.roleText":
    "{town} organises the market, chooses the stalls and publishes this site (Chalet software). It is not the seller: it collects your payments on the merchants’ behalf through Stripe, then pays each merchant their share.",
  "legal.terms.commission": "On each sale the town keeps a commission of {rate} before paying the merchant’s share.",
  "legal.terms.noCommission": "The town keeps no commission on sales.",
  "legal.terms.prices": "Prices",
  "legal.terms.pricesText":
    "Prices are in euros, all taxes included (TTC). The price paid is the one shown when you press “Pay”. There are no delivery or service fees.",
  "legal.terms.payment": "Order and payment",
  "legal.terms.paymentText":
    "A market’s basket is paid at once, by card, on Stripe’s payment page, while the market is open. When you press “Pay”, the products are held for you for 30 minutes while you pay; after that the hold is released. Your card details are typed at Stripe: this site never sees or keeps them. The order is firm once the payment is accepted; you then get a confirmation by email.",
  "legal.terms.pickup": "Pickup",
  "legal.terms.pickupText":
    "There is no delivery: you collect your purchases from each merchant, as their stall’s pickup details say (on its page, on your order’s page and in the confirmation email). Your order’s page shows when a line is ready.",
  "legal.terms.refusal": "Product unavailable",
  "legal.terms.refusalText":
    "If a merchant cannot supply a product of your order (out of stock, for example), they refuse that line: it is refunded automatically to the card you used and you are told by email. The order’s other lines remain due. A payment that arrives after the hold ended, when the stock is gone, is refunded in full automatically.",
  "legal.terms.withdrawal": "Right of withdrawal",
  "legal.terms.withdrawalText":
    "You have 14 days from collecting a product to withdraw, without giving a reason: tell the merchant (their details are above) and bring the product back; they refund you within 14 days, once they have the product back.",
  "legal.terms.withdrawalExceptions":
    "This right does not apply (article L221-28 of the French Consumer Code) to perishable food or goods that deteriorate quickly (pastries, crêpes, cheese…), to goods made to your specifications or personalised, nor to goods unsealed that cannot be taken back for hygiene or health reasons.",
  "legal.terms.disputes": "Complaints and mediation",
  "legal.terms.disputesText":
    "Address any complaint to the merchant first. Without a satisfying answer, write to the market’s organisers, who can step in with the merchant. If the dispute remains, you may turn, free of charge, to the consumer mediator the merchant belongs to (articles L612-1 and following of the French Consumer Code). French law applies.",
  "legal.terms.contact": "The organisers’ contact",
  "legal.terms.notice": "Legal notice of {town}",

  "legal.privacy.title": "Privacy",
  "legal.privacy.intro":
    "This site keeps as little data about you as it can, only to run the market. Here is what, why and for how long.",
  "legal.privacy.controller": "Data controller",
  "legal.privacy.controllerText":
    "The town that organises the market is responsible for its markets’ data. For any question, or to exercise your rights, write to it:",
  "legal.privacy.stored": "What is kept",
  "legal.privacy.what": "Data",
  "legal.privacy.why": "Why",
  "legal.privacy.howLong": "How long",
  "legal.privacy.account":
    "Your account: name, email address, language, a hash of your password (never the password itself)",
  "legal.privacy.accountWhy": "Logging you in, writing to you about your orders",
  "legal.privacy.accountHowLong": "Until you delete your account",
  "legal.privacy.orders": "Your orders: products, amounts, stalls, statuses, refunds, Stripe’s payment identifiers",
  "legal.privacy.ordersWhy": "Collecting your purchases, refunds, the merchants’ and the town’s accounting",
  "legal.privacy.ordersHowLong":
    "10 years (article L123-22 of the French Commercial Code), even after you delete your account, which then replaces your name",
  "legal.privacy.chat": "Your messages in the stalls’ chat and your reports",
  "legal.privacy.chatWhy": "Talking with merchants (messages are public) and moderation",
  "legal.privacy.chatHowLong": "Until moderation deletes them; once you delete your account, their text is erased",
  "legal.privacy.sessions": "Your log-ins: date and kind of browser (for example “Firefox · Android”)",
  "legal.privacy.sessionsWhy": "Keeping you logged in, showing your devices and letting you log them out",
  "legal.privacy.sessionsHowLong": "30 days, or until you log out",
  "legal.privacy.basket": "Your basket",
  "legal.privacy.basketWhy": "Keeping your choices until you pay",
  "legal.privacy.basketHowLong": "Until you pay or empty it; 60 days without an account",
  "legal.privacy.links": "Sign-up confirmation and new password links",
  "legal.privacy.linksWhy": "Checking your email address",
  "legal.privacy.linksHowLong": "24 hours (sign-up), 1 hour (password)",
  "legal.privacy.emails": "The emails the site sends you (recipient, subject, text)",
  "legal.privacy.emailsWhy": "Keeping track of what was sent and of failed sendings",
  "legal.privacy.emailsHowLong": "No automatic deletion yet: ask the town",
  "legal.privacy.payment": "Payment",
  "legal.privacy.paymentText":
    "You pay on Stripe’s page: your card details never go through this site, which only receives the payment’s outcome and its identifiers from Stripe. Stripe processes them under its own privacy policy.",
  "legal.privacy.cookies": "Cookies",
  "legal.privacy.cookiesText":
    "The site sets no tracking or audience-measurement cookie and loads no third-party script. It only uses cookies needed for it to work or for a choice you made; that is why it does not ask for your consent (no banner):",
  "legal.privacy.cookieSession": "your log-in, while you are logged in (30 days at most);",
  "legal.privacy.cookieLang": "the language you chose (1 year);",
  "legal.privacy.cookieBasket": "the basket of a visitor without an account (60 days).",
  "legal.privacy.visits": "Audience measurement",
  "legal.privacy.visitsText":
    "For the market’s report, each view of a market’s or a stall’s page is counted, with its day and time, where the visit came from (directly, another page of this site, the town’s website, a social network, a search engine, a poster’s QR code or another site) and the kind of device (phone or computer).",
  "legal.privacy.visitsHow":
    "To count a day’s visitors without following them, the site computes a fingerprint of your IP address and browser mixed with a number drawn at random each day. That number is deleted two days later, after which the fingerprint can no longer be computed again nor matched with another day’s.",
  "legal.privacy.visitsNot":
    "No cookie, no identifier stored in your browser, and your IP address is not kept (held in memory for a few seconds, while the fingerprint is computed). Bots and page prefetches are not counted.",
  "legal.privacy.visitsWho":
    "Only totals are shown, to the town’s team (the whole market) and to each merchant (their stall).",
  "legal.privacy.rights": "Your rights",
  "legal.privacy.rightsText":
    "You may access, correct, take away and erase your data. From your account you can download your data and delete your account. For anything else, write to the town. If you think your rights are not respected, you may complain to the CNIL (www.cnil.fr).",
  "legal.privacy.account.link": "My account",
  "legal.privacy.noTown": "No town is registered on this site yet.",
};
