// Printable posters (app/routes/m.$marketSlug.affiche.tsx, m.$marketSlug.$stallSlug_.affiche.tsx)
// and the market page's product search (app/models/search.ts).
export const fr = {
  "poster.linkStall": "Affiche pour votre vitrine",
  "poster.linkMarket": "Affiche du marché",
  "poster.pageTitle": "Affiche · {name}",
  "poster.heading": "Affiche à imprimer",
  "poster.intro":
    "Une page A4 à afficher en vitrine ou sur les panneaux de la ville. Le QR code mène à la page en ligne.",
  "poster.print": "Imprimer",
  "poster.printHint":
    "Ou utilisez la commande Imprimer de votre navigateur (Ctrl + P). Pour un fichier PDF, choisissez « Enregistrer au format PDF » comme imprimante.",
  "poster.preview": "Aperçu de l’affiche",
  "poster.chalet": "Chalet n° {number}",
  "poster.scanMarket": "Scannez pour découvrir les stands et commander",
  "poster.scanStall": "Scannez pour voir nos produits et commander",
  "poster.qrMarket": "QR code vers la page du marché « {name} »",
  "poster.qrStall": "QR code vers la page du stand « {name} »",
  "poster.tagline": "Commandez en ligne, retirez au marché",
  "poster.openings": "Ouvertures du marché en ligne",
  "poster.run": "Du {first} au {last}",
  "poster.moreDates": "Et d’autres dates sur la page du marché.",
  "search.matches": "Produits trouvés",
  "search.match": "{name} — {price}",
  "search.moreMatches": "et {count} autres produits",
  "search.moreMatchesOne": "et un autre produit",
} as const;

export const en: Record<keyof typeof fr, string> = {
  "poster.linkStall": "Poster for your shop window",
  "poster.linkMarket": "Market poster",
  "poster.pageTitle": "Poster · {name}",
  "poster.heading": "Poster to print",
  "poster.intro": "An A4 page for a shop window or the town’s notice boards. The QR code leads to the page online.",
  "poster.print": "Print",
  "poster.printHint":
    "Or use your browser’s Print command (Ctrl + P). For a PDF file, choose “Save as PDF” as the printer.",
  "poster.preview": "Poster preview",
  "poster.chalet": "Chalet no. {number}",
  "poster.scanMarket": "Scan to discover the stalls and order",
  "poster.scanStall": "Scan to see our products and order",
  "poster.qrMarket": "QR code to the page of the market “{name}”",
  "poster.qrStall": "QR code to the page of the stall “{name}”",
  "poster.tagline": "Order online, collect at the market",
  "poster.openings": "When the online market is open",
  "poster.run": "From {first} to {last}",
  "poster.moreDates": "More dates on the market’s page.",
  "search.matches": "Products found",
  "search.match": "{name} — {price}",
  "search.moreMatches": "and {count} more products",
  "search.moreMatchesOne": "and one more product",
};
