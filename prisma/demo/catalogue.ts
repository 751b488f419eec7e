import type { StallCategory } from "../../app/models/categories";

export type DemoProduct = { name: string; description: string; priceCents: number; stock: number };
export type DemoStall = {
  slug: string;
  name: string;
  category: StallCategory;
  description: string;
  pickupDetails: string;
  owner: { email: string; name: string };
  products: DemoProduct[];
};

const p = (name: string, description: string, priceCents: number, stock: number): DemoProduct => ({
  name,
  description,
  priceCents,
  stock,
});

// Real kinds of stalls from the Rueil-Malmaison market; the people and the prices are invented.
export const DEMO_STALLS: DemoStall[] = [
  {
    slug: "miellerie-du-mont-valerien",
    name: "Miellerie du Mont-Valérien",
    category: "miellerie",
    description:
      "Miels récoltés sur les coteaux de Rueil et de Suresnes, pains d’épices et bougies à la cire d’abeille.",
    pickupDetails:
      "Vos pots vous attendent au point de retrait, au nom de la commande. Les pots de 1 kg se gardent à l’abri de la lumière.",
    owner: { email: "marchand@demo.chalet.test", name: "Hélène Besson" },
    products: [
      p("Miel de printemps 500 g", "Crémeux et doux, récolté en mai.", 1200, 24),
      p("Miel de châtaignier 250 g", "Corsé, légèrement amer, idéal sur un fromage.", 900, 3),
      p("Pain d’épices au miel", "Tranché, 400 g, recette de la maison.", 1050, 15),
      p("Coffret trois miels", "Printemps, acacia et forêt, 3 × 125 g.", 2400, 8),
      p("Bougie en cire d’abeille", "Roulée à la main, environ 8 h.", 750, 0),
    ],
  },
  {
    slug: "fleurs-de-la-malmaison",
    name: "Fleurs de la Malmaison",
    category: "fleuriste",
    description: "Couronnes de l’Avent, bouquets d’hiver et roses anciennes en hommage à l’impératrice Joséphine.",
    pickupDetails:
      "Bouquets préparés le jour du retrait et emballés pour le transport ; gardez-les au frais en rentrant.",
    owner: { email: "fleuriste@demo.chalet.test", name: "Camille Roussel" },
    products: [
      p("Couronne de l’Avent", "Sapin Nordmann, pommes de pin, quatre bougies.", 4500, 10),
      p("Bouquet d’hiver", "Eucalyptus, houx et roses blanches.", 3500, 12),
      p("Amaryllis en pot", "Floraison en trois semaines.", 1900, 6),
      p("Centre de table festif", "Pour une table de six à huit personnes.", 5500, 4),
    ],
  },
  {
    slug: "la-seconde-etoffe",
    name: "La Seconde Étoffe",
    category: "depot-vente",
    description: "Dépôt-vente solidaire de vêtements d’hiver : manteaux, pulls et écharpes à petits prix.",
    pickupDetails:
      "Chaque pièce est lavée et pliée dans un sac en tissu réutilisable, à rapporter si vous le souhaitez.",
    owner: { email: "depot@demo.chalet.test", name: "Association La Seconde Étoffe" },
    products: [
      p("Pull en laine, taille M", "Jacquard rouge et blanc, très bon état.", 1500, 1),
      p("Manteau d’enfant 8 ans", "Doudoune bleu marine, doublée.", 2000, 2),
      p("Écharpe tricotée main", "Laine mérinos, 180 cm.", 1200, 5),
      p("Bonnet à pompon", "Taille unique, coloris assortis.", 600, 9),
    ],
  },
  {
    slug: "epicerie-fine-richelieu",
    name: "Épicerie fine Richelieu",
    category: "produits-de-fete",
    description: "Foie gras, saumon fumé, confits et tout ce qu’il faut pour le réveillon.",
    pickupDetails: "Les bocaux sont emballés dans du papier journal : pensez à un sac solide.",
    owner: { email: "epicerie@demo.chalet.test", name: "Julien Marchal" },
    products: [
      p("Foie gras de canard entier 180 g", "Mi-cuit, du Sud-Ouest.", 2900, 20),
      p("Saumon fumé 4 tranches", "Fumé au bois de hêtre.", 1650, 14),
      p("Confit d’oignons", "Pot de 220 g, pour accompagner le foie gras.", 590, 30),
      p("Marrons glacés, boîte de 8", "Confits pendant quatre jours.", 2200, 7),
      p("Truffes fantaisie", "Boîte de 200 g.", 1300, 2),
    ],
  },
  {
    slug: "chocolaterie-bois-preau",
    name: "Chocolaterie du Bois-Préau",
    category: "chocolatier",
    description: "Chocolats artisanaux, pralinés et sujets de Noël moulés à la main dans notre atelier.",
    pickupDetails:
      "Les chocolats voyagent dans une boîte isotherme : ne les laissez pas au soleil ni près d’un radiateur.",
    owner: { email: "chocolat@demo.chalet.test", name: "Nadia Ferrand" },
    products: [
      p("Ballotin 250 g", "Assortiment de pralinés et ganaches.", 1800, 40),
      p("Père Noël en chocolat au lait", "Moulé main, 150 g.", 1100, 12),
      p("Mendiants", "Chocolat noir, amandes, noisettes, raisins, 200 g.", 950, 18),
      p("Orangettes", "Écorces d’orange confites enrobées, 180 g.", 1250, 1),
      p("Chocolat chaud à l’ancienne", "Pépites à fondre, 300 g.", 890, 25),
    ],
  },
  {
    slug: "atelier-des-jouets-en-bois",
    name: "L’Atelier des jouets en bois",
    category: "jouets-en-bois",
    description: "Jouets tournés et peints à la main en hêtre et en érable, finis à l’huile alimentaire.",
    pickupDetails: "Jouets emballés dans du papier kraft ; dites-nous dans la discussion si c’est un cadeau à cacher.",
    owner: { email: "jouets@demo.chalet.test", name: "Pierre Lenoir" },
    products: [
      p("Toupie tournée", "Hêtre massif, 6 cm.", 1200, 16),
      p("Train de Noël trois wagons", "Aimants entre les wagons.", 4200, 3),
      p("Casse-noisette soldat", "30 cm, peint à la main.", 3800, 5),
      p("Puzzle sapin", "12 pièces, dès 2 ans.", 1600, 10),
      p("Cheval à bascule miniature", "Décoration ou jouet, 15 cm.", 2500, 0),
    ],
  },
  {
    slug: "santons-de-provence-en-ile-de-france",
    name: "Santons de Provence en Île-de-France",
    category: "santons",
    description: "Santons d’argile peints à la main, crèches et petits décors pour compléter la vôtre.",
    pickupDetails: "Chaque santon est calé dans du papier de soie, dans une petite boîte à son nom.",
    owner: { email: "santons@demo.chalet.test", name: "Marius Castel" },
    products: [
      p("Santon ravi, 7 cm", "Argile cuite peinte à la main.", 1400, 20),
      p("Sainte famille, 3 santons", "Marie, Joseph et l’enfant Jésus.", 3900, 6),
      p("Mas provençal", "Décor de crèche en résine, 20 cm.", 5200, 2),
      p("Boumian et sa chèvre", "7 cm.", 1600, 8),
    ],
  },
  {
    slug: "cave-des-coteaux",
    name: "La Cave des Coteaux",
    category: "vins-terroir",
    description: "Vins de petits vignerons, champagnes, jus de pomme et terrines d’Île-de-France.",
    pickupDetails: "Une pièce d’identité vous sera demandée au retrait : pas d’alcool aux mineurs.",
    owner: { email: "cave@demo.chalet.test", name: "Sophie Delaunay" },
    products: [
      p("Champagne brut, 75 cl", "Maison familiale de la Marne.", 3200, 24),
      p("Vin chaud épicé, 75 cl", "Prêt à réchauffer.", 1100, 30),
      p("Jus de pomme du Vexin, 1 l", "Pur jus, sans sucre ajouté.", 450, 40),
      p("Terrine de campagne", "Bocal de 180 g.", 690, 12),
      p("Coffret découverte", "Un rouge, un blanc, une terrine.", 4500, 4),
    ],
  },
  {
    slug: "boulangerie-du-plateau",
    name: "Boulangerie du Plateau",
    category: "boulangerie",
    description: "Bredele alsaciens, stollen, bûches pâtissières sur commande.",
    pickupDetails: "Bûches et pains cuits le matin même du retrait ; la bûche se garde deux jours au réfrigérateur.",
    owner: { email: "boulangerie@demo.chalet.test", name: "Thomas Keller" },
    products: [
      p("Bredele, sachet de 250 g", "Butterbredele, spritz et étoiles à la cannelle.", 850, 35),
      p("Stollen 500 g", "Pâte aux fruits confits et pâte d’amande.", 1400, 10),
      p("Bûche chocolat-praliné, 6 parts", "À commander trois jours avant.", 3200, 8),
      p("Brioche de Noël", "Aux écorces d’orange, 400 g.", 900, 15),
    ],
  },
  {
    slug: "bougies-de-la-seine",
    name: "Bougies de la Seine",
    category: "bougies",
    description: "Bougies parfumées coulées à la main en cire de colza, mèches en coton.",
    pickupDetails:
      "Bougies emballées une à une ; laissez-les reposer une heure à température ambiante avant de les allumer.",
    owner: { email: "bougies@demo.chalet.test", name: "Léa Moreau" },
    products: [
      p("Bougie sapin et cèdre", "200 g, environ 40 h.", 2200, 14),
      p("Bougie pain d’épices", "200 g, environ 40 h.", 2200, 9),
      p("Fondants parfumés, 6 pièces", "Orange et cannelle.", 900, 20),
      p("Coffret trois mini-bougies", "3 × 60 g.", 2600, 5),
    ],
  },
  {
    slug: "laines-et-merveilles",
    name: "Laines et Merveilles",
    category: "artisanat",
    description: "Tricot, crochet et broderie : chaussettes de Noël, plaids et bonnets.",
    pickupDetails: "Pelotes et tricots dans un sac en papier, avec l’étiquette d’entretien de chaque article.",
    owner: { email: "laine@demo.chalet.test", name: "Odile Garnier" },
    products: [
      p("Chaussette de Noël brodée", "Personnalisable avec un prénom.", 2400, 10),
      p("Plaid en laine", "120 × 160 cm, tricot torsadé.", 8500, 2),
      p("Moufles d’enfant", "2 à 4 ans.", 1800, 7),
      p("Guirlande en feutrine", "1,5 m, sapins et étoiles.", 1500, 12),
    ],
  },
  {
    slug: "etoiles-et-guirlandes",
    name: "Étoiles et Guirlandes",
    category: "decorations",
    description: "Boules de verre soufflé, étoiles en paille et décorations de sapin d’autrefois.",
    pickupDetails: "Les guirlandes lumineuses sont testées devant vous au retrait.",
    owner: { email: "decorations@demo.chalet.test", name: "Anaïs Petit" },
    products: [
      p("Boule de verre soufflé", "8 cm, peinte à la main.", 1600, 30),
      p("Étoile de paille, lot de 6", "Tradition scandinave.", 900, 18),
      p("Cimier étoile dorée", "Pour la pointe du sapin.", 2100, 6),
      p("Guirlande lumineuse en papier", "10 lanternes, 2 m.", 2800, 3),
      p("Village de Noël en céramique", "Trois maisons éclairées.", 4900, 1),
    ],
  },
];

/**
 * The merchants who already sold at last year's market (so "Reconduire" on it invites them again);
 * none of them is one the browser tests log in as, whose home would list two stalls of one name.
 */
export const DEMO_LAST_YEAR_MERCHANTS = [
  "fleuriste@demo.chalet.test",
  "santons@demo.chalet.test",
  "boulangerie@demo.chalet.test",
  "laine@demo.chalet.test",
] as const;
