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
  "poster.chalet": "Chalet n° {number}",
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
