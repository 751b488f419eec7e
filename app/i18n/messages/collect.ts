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

export const en: Record<keyof typeof fr, string> = {
  "collect.buyer.title": "Your pickup code",
  "collect.buyer.show": "Show this code at the stall",
  "collect.buyer.hint":
    "The merchant scans the QR code or types the code to hand you your order. Only give it at the stall: it proves the order is yours.",
  "collect.buyer.codeLabel": "Pickup code: {code}",
  "collect.buyer.qrLabel": "Pickup QR code, code {code}",
  "collect.email.code": "Your pickup code: {code}",
  "collect.email.codeLabel": "Your pickup code:",
  "collect.email.show": "Show this code (or the QR code on your order’s page) at each stall to collect your items.",

  "collect.handover.link": "Hand over an order (code or QR code)",
  "collect.handover.title": "Hand over an order",
  "collect.handover.intro": "Ask the customer for their pickup code (6 characters), or scan their order’s QR code.",
  "collect.handover.code": "Pickup code",
  "collect.handover.codeHint": "For example K7Q2MX. Spaces and dashes are ignored.",
  "collect.handover.find": "Find",
  "collect.handover.back": "Back to orders",
  "collect.handover.order": "Order {reference}",
  "collect.handover.buyer": "For {name}",
  "collect.handover.lines": "Items from your stall",
  "collect.handover.hand": "Handed over",
  "collect.handover.handLabel": "Handed over: order {reference} for {name}",
  "collect.handover.handHint": "Marks as collected the items still to prepare or ready.",
  "collect.handover.done": "Order {reference} handed over to {name}.",

  "collect.scan.start": "Scan the QR code",
  "collect.scan.stop": "Stop the camera",
  "collect.scan.video": "Camera image: hold up the customer’s QR code",
  "collect.scan.looking": "Camera on: hold the QR code in front of the lens.",
  "collect.scan.found": "QR code read, finding the order…",
  "collect.scan.denied": "Camera access was refused. Type the code, or allow the camera in the browser’s settings.",
  "collect.scan.absent": "No usable camera on this device: type the code.",
  "collect.scan.failed": "The camera could not start: type the code.",

  "collect.error.required": "Type the customer’s pickup code.",
  "collect.error.invalid":
    "This is not a pickup code: it has 6 characters, letters and digits (no 0, O, 1, I or L). Check with the customer.",
  "collect.error.rateLimited": "Too many unknown codes in a row. Try again in {seconds} seconds.",
  "collect.error.otherMarket": "This QR code belongs to an order of another market.",
  "collect.error.unknown": "No order of this market has this code. Check it with the customer.",
  "collect.error.otherStall": "This order has nothing from this stall.",
  "collect.error.notPaid": "This order is not paid: nothing to hand over.",
  "collect.error.refunded": "This order was refunded: nothing to hand over.",
  "collect.error.alreadyCollected": "Already handed over on {when}.",
  "collect.error.alreadyCollectedUnknown": "Already handed over.",
  "collect.error.nothingToHand": "Nothing to hand over: your stall’s items were refused.",

  "collect.late.title": "To chase: not collected",
  "collect.late.merchantIntro":
    "Paid orders with items from your stall not collected by the end of their slot’s day (or, without a slot, by the end of the market).",
  "collect.late.organiserIntro":
    "Paid orders with items not collected by the end of their slot’s day (or, without a slot, by the end of the market), per stall.",
  "collect.late.order": "{reference} · {name}",
  "collect.late.lines": "Items not collected: {count}",
  "collect.late.slot": "Slot of {date}, {start}–{end}, {point}",
  "collect.late.noSlot": "No slot",
};
