// The demo merchants' legal identities (invented, like the people: the SIRETs have a valid Luhn
// key but belong to no one) and the town's legal-notice details.
import type { LegalIdentity } from "../../app/models/stall-legal";

export const DEMO_TOWN_DETAILS = {
  address: "Hôtel de ville, 13 boulevard du Maréchal-Foch, 92500 Rueil-Malmaison",
  contactEmail: "marche-de-noel@demo.chalet.test",
  contactPhone: "01 47 32 65 65",
  publicationDirector: "Le maire de Rueil-Malmaison",
  // The host depends on the deployment: the town fills it in (the notice says "non renseigné").
};

export const DEMO_LEGAL: Record<string, LegalIdentity> = {
  "miellerie-du-mont-valerien": {
    legalName: "Hélène Besson, Miellerie du Mont-Valérien (EI)",
    siret: "81234567600017",
    legalAddress: "4 rue du Mont-Valérien, 92500 Rueil-Malmaison",
  },
  "fleurs-de-la-malmaison": {
    legalName: "Camille Roussel (EI)",
    siret: "82026480200019",
    legalAddress: "18 avenue de la Malmaison, 92500 Rueil-Malmaison",
  },
  "la-seconde-etoffe": {
    legalName: "Association La Seconde Étoffe",
    siret: "82818394700013",
    legalAddress: "7 rue Jean-Jaurès, 92500 Rueil-Malmaison",
  },
  "epicerie-fine-richelieu": {
    legalName: "Épicerie Richelieu SARL",
    siret: "83610308500012",
    legalAddress: "22 rue de Maurepas, 92500 Rueil-Malmaison",
  },
  "chocolaterie-bois-preau": {
    legalName: "Chocolaterie du Bois-Préau SAS",
    siret: "84402221000018",
    legalAddress: "3 avenue du Bois-Préau, 92500 Rueil-Malmaison",
  },
  "atelier-des-jouets-en-bois": {
    legalName: "Pierre Lenoir (EI)",
    siret: "85194135100013",
    legalAddress: "11 rue Paul-Vaillant-Couturier, 92500 Rueil-Malmaison",
  },
  "santons-de-provence-en-ile-de-france": {
    legalName: "Marius Castel (EI)",
    siret: "85986049600016",
    legalAddress: "9 rue des Bons-Raisins, 92500 Rueil-Malmaison",
  },
  "cave-des-coteaux": {
    legalName: "La Cave des Coteaux SARL",
    siret: "86777963900014",
    legalAddress: "26 boulevard Richelieu, 92500 Rueil-Malmaison",
  },
  "boulangerie-du-plateau": {
    legalName: "Boulangerie du Plateau SAS",
    siret: "87569876300013",
    legalAddress: "5 place du Plateau, 92500 Rueil-Malmaison",
  },
  "bougies-de-la-seine": {
    legalName: "Léa Moreau (EI)",
    siret: "88361790400015",
    legalAddress: "14 quai Conti, 92500 Rueil-Malmaison",
  },
  "laines-et-merveilles": {
    legalName: "Odile Garnier (EI)",
    siret: "89153704500017",
    legalAddress: "2 rue de l’Église, 92500 Rueil-Malmaison",
  },
  "etoiles-et-guirlandes": {
    legalName: "Anaïs Petit (EI)",
    siret: "89945617200019",
    legalAddress: "30 avenue Paul-Doumer, 92500 Rueil-Malmaison",
  },
  "crepes-de-broceliande": {
    legalName: "Yann Le Gall (EI)",
    siret: "90737531500013",
    legalAddress: "8 rue de la Libération, 92500 Rueil-Malmaison",
  },
};
