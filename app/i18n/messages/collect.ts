// The pickup: the buyer's code and QR code (order page, paid email), the merchant's handover
// screen (app/routes/merchant.stalls.$stallId.handover.tsx) and the orders not collected in time.
export const fr = {
  // The buyer
  "collect.buyer.title": "Votre code de retrait",
  "collect.buyer.show": "Montrez ce code au stand",
  "collect.buyer.hint":
    "Le commerçant scanne le QR code ou tape le code pour vous remettre votre commande. Ne le donnez qu’au stand : il prouve que la commande est à vous.",
  "collect.buyer.codeLabel": "Code de retrait : {code}",
  "collect.buyer.qrLabel": "QR code de retrait, code {code}",
  "collect.email.code": "Votre code de retrait : {code}",
  "collect.email.codeLabel": "Votre code de retrait :",
  "collect.email.show":
    "Montrez ce code (ou le QR code de la page de votre commande) à chaque stand pour retirer vos articles.",

  // The merchant's handover screen
  "collect.handover.link": "Remettre une commande (code ou QR code)",
  "collect.handover.title": "Remettre une commande",
  "collect.handover.intro":
    "Demandez au client son code de retrait (6 caractères), ou scannez le QR code de sa commande.",
  "collect.handover.code": "Code de retrait",
  "collect.handover.codeHint": "Par exemple K7Q2MX. Les espaces et les tirets sont ignorés.",
  "collect.handover.find": "Chercher",
  "collect.handover.back": "Retour aux commandes",
  "collect.handover.order": "Commande {reference}",
  "collect.handover.buyer": "Au nom de {name}",
  "collect.handover.lines": "Articles de votre stand",
  "collect.handover.hand": "Remis",
  "collect.handover.handLabel": "Remis : commande {reference} de {name}",
  "collect.handover.handHint": "Marque retirés les articles encore à préparer ou prêts.",
  "collect.handover.done": "Commande {reference} remise à {name}.",

  // The camera
  "collect.scan.start": "Scanner le QR code",
  "collect.scan.stop": "Arrêter la caméra",
  "collect.scan.video": "Image de la caméra : présentez le QR code du client",
  "collect.scan.looking": "Caméra ouverte : présentez le QR code devant l’objectif.",
  "collect.scan.found": "QR code lu, recherche de la commande…",
  "collect.scan.denied":
    "L’accès à la caméra a été refusé. Tapez le code, ou autorisez la caméra dans les réglages du navigateur.",
  "collect.scan.absent": "Pas de caméra utilisable sur cet appareil : tapez le code.",
  "collect.scan.failed": "La caméra n’a pas pu démarrer : tapez le code.",

  // Refusals
  "collect.error.required": "Tapez le code de retrait du client.",
  "collect.error.invalid":
    "Ce n’est pas un code de retrait : il a 6 caractères, lettres et chiffres (sans 0, O, 1, I ni L). Vérifiez avec le client.",
  "collect.error.rateLimited": "Trop de codes inconnus d’affilée. Réessayez dans {seconds} secondes.",
  "collect.error.otherMarket": "Ce QR code est celui d’une commande d’un autre marché.",
  "collect.error.unknown": "Aucune commande de ce marché n’a ce code. Vérifiez-le avec le client.",
  "collect.error.otherStall": "Cette commande n’a rien à ce stand.",
  "collect.error.notPaid": "Cette commande n’est pas payée : rien à remettre.",
  "collect.error.refunded": "Cette commande a été remboursée : rien à remettre.",
  "collect.error.alreadyCollected": "Déjà remise le {when}.",
  "collect.error.alreadyCollectedUnknown": "Déjà remise.",
  "collect.error.nothingToHand": "Rien à remettre : les articles de votre stand ont été refusés.",

  // Not collected
  "collect.late.title": "À relancer : non retirées",
  "collect.late.merchantIntro":
    "Commandes payées dont des articles de votre stand n’ont pas été retirés à la fin de la journée de leur créneau (ou, sans créneau, à la fin du marché).",
  "collect.late.organiserIntro":
    "Commandes payées dont des articles n’ont pas été retirés à la fin de la journée de leur créneau (ou, sans créneau, à la fin du marché), par stand.",
  "collect.late.order": "{reference} · {name}",
  "collect.late.lines": "Articles non retirés : {count}",
  "collect.late.slot": "Créneau du {date}, {start}–{end}, {point}",
  "collect.late.noSlot": "Sans créneau",
} as const;
