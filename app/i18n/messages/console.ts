// The organiser console's first minutes (issue 17): the markets' home, duplicate names, deleting
// a draft, "open now until the scheduled closing", the exception dates' pickers.
export const fr = {
  "console.nameTaken": "Un autre marché de la ville porte déjà ce nom. Choisissez-en un autre.",
  "console.editionNameTaken":
    "Un autre marché de la ville porte déjà ce nom : changez-le avant d’enregistrer la nouvelle édition.",
};

export const en: Record<keyof typeof fr, string> = {
  "console.nameTaken": "Another market of the town already has this name. Please choose another.",
  "console.editionNameTaken": "Another market of the town already has this name: change it before saving the new edition.",
};
