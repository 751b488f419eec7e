// Texts of the sandbox's hosted payment page: French first, English typed against it.

const fr = {
  title: "Paiement",
  sandboxBanner:
    "Démonstration : ce paiement n’est pas réel, aucune somme n’est débitée. N’entrez pas votre vraie carte : utilisez une carte de test.",
  merchant: "Chalet, marché de Noël",
  summary: "Votre commande",
  quantity: "Quantité",
  total: "Total",
  contact: "Coordonnées",
  email: "Adresse e-mail",
  cardSection: "Paiement par carte",
  cardNumber: "Numéro de carte",
  cardExpiry: "Date d’expiration (MM / AA)",
  cardCvc: "Code de sécurité (CVC)",
  pay: "Payer {amount}",
  sepaSection: "Prélèvement SEPA",
  iban: "IBAN",
  sepaMandate: "En confirmant, vous autorisez le prélèvement de ce montant sur votre compte.",
  payBySepa: "Payer {amount} par prélèvement",
  cancel: "Annuler et revenir au marché",
  testCards: "Cartes et IBAN de test",
  testCardPays: "paiement accepté",
  testCardDeclined: "carte refusée",
  testCardFunds: "fonds insuffisants",
  testCardDisputed: "paiement accepté, puis contesté par la banque (fraude)",
  testIbanPays: "prélèvement accepté après quelques secondes",
  testIbanFails: "prélèvement refusé après quelques secondes",
  errorTitle: "Le paiement n’a pas abouti",
  expired: "Cette session de paiement a expiré. Revenez au marché pour recommencer.",
  complete: "Cette commande est déjà payée.",
  back: "Revenir au marché",
  paid: "Paiement effectué. Vous pouvez fermer cette page.",
  notFound: "Cette session de paiement n’existe pas.",
  // Stripe's decline messages, translated.
  card_declined: "Votre carte a été refusée.",
  insufficient_funds: "Les fonds de votre carte sont insuffisants.",
  expired_card: "Votre carte a expiré.",
  incorrect_number: "Le numéro de votre carte est incorrect.",
  invalid_expiry: "La date d’expiration de votre carte n’est pas valide.",
  invalid_cvc: "Le code de sécurité de votre carte n’est pas valide.",
  live_card_in_test_mode:
    "Votre carte a été refusée : en mode test, utilisez une carte de test (4242 4242 4242 4242 par exemple).",
  email_invalid: "Saisissez une adresse e-mail valide.",
  iban_invalid: "Cet IBAN n’est pas un IBAN de test.",
};

export type SandboxMessages = typeof fr;

const en: SandboxMessages = {
  title: "Payment",
  sandboxBanner: "Demo: this payment is not real, no money is taken. Do not enter your real card: use a test card.",
  merchant: "Chalet, Christmas market",
  summary: "Your order",
  quantity: "Quantity",
  total: "Total",
  contact: "Contact details",
  email: "Email address",
  cardSection: "Pay by card",
  cardNumber: "Card number",
  cardExpiry: "Expiry date (MM / YY)",
  cardCvc: "Security code (CVC)",
  pay: "Pay {amount}",
  sepaSection: "SEPA Direct Debit",
  iban: "IBAN",
  sepaMandate: "By confirming, you authorise this amount to be debited from your account.",
  payBySepa: "Pay {amount} by direct debit",
  cancel: "Cancel and go back to the market",
  testCards: "Test cards and IBANs",
  testCardPays: "payment succeeds",
  testCardDeclined: "card declined",
  testCardFunds: "insufficient funds",
  testCardDisputed: "pays, then the bank disputes it (fraud)",
  testIbanPays: "debit succeeds after a few seconds",
  testIbanFails: "debit fails after a few seconds",
  errorTitle: "The payment did not go through",
  expired: "This payment session has expired. Go back to the market to start again.",
  complete: "This order is already paid.",
  back: "Back to the market",
  paid: "Payment complete. You can close this page.",
  notFound: "This payment session does not exist.",
  card_declined: "Your card was declined.",
  insufficient_funds: "Your card has insufficient funds.",
  expired_card: "Your card has expired.",
  incorrect_number: "Your card number is incorrect.",
  invalid_expiry: "Your card’s expiration date is invalid.",
  invalid_cvc: "Your card’s security code is invalid.",
  live_card_in_test_mode:
    "Your card was declined. Your request was in test mode, but used a non test card (use 4242 4242 4242 4242 for example).",
  email_invalid: "Enter a valid email address.",
  iban_invalid: "This IBAN is not a test IBAN.",
};

export type PageLang = "fr" | "en";

/** Stripe's `locale`: French unless the session asked for another language (then English). */
export function langOf(locale: string | null): PageLang {
  return locale === null || locale === "auto" || locale.startsWith("fr") ? "fr" : "en";
}

export const messages: Record<PageLang, SandboxMessages> = { fr, en };
