// Importing a stall's products from a CSV file (app/routes/merchant.stalls.$stallId.products.import.tsx,
// app/models/product-import.server.ts). Line messages stand alone: "Ligne 7 : …".
export const fr = {
  "import.link": "Importer un fichier",
  "import.title": "Importer des produits",
  "import.intro":
    "Une ligne par produit, avec une première ligne qui nomme les colonnes : nom, description, prix, stock, catégorie (dans n’importe quel ordre ; description, stock et catégorie sont facultatifs). Enregistrez votre tableau au format « CSV (séparateur : point-virgule) ».",
  "import.rules":
    "500 produits et 1 Mo au plus par fichier. Prix comme « 3,50 » ou « 3,50 € ». Stock vide : 1 pour un nouveau produit. Une cellule qui commence par =, +, - ou @ (une formule) est refusée.",
  "import.update":
    "Un produit qui porte déjà le même nom dans votre stand est mis à jour (prix, et description et stock s’ils sont remplis) au lieu d’être créé deux fois.",
  "import.categories": "Catégories possibles : {list}. La catégorie est vérifiée mais pas encore enregistrée.",
  "import.help": "Ce que le fichier peut contenir",
  "import.example": "Télécharger un fichier modèle (modele-produits.csv)",
  "import.file": "Fichier CSV",
  "import.preview": "Voir l’aperçu",
  "import.previewTitle": "Aperçu : rien n’est encore enregistré",
  "import.summary": "À créer : {create}. À mettre à jour : {update}. Lignes à corriger : {errors}.",
  "import.fixFirst":
    "Corrigez ces lignes dans votre fichier puis choisissez-le à nouveau : rien n’est importé tant qu’une ligne est fausse.",
  "import.ignored": "Colonnes ignorées : {list}.",
  "import.colLine": "Ligne",
  "import.colProduct": "Produit",
  "import.colResult": "Résultat",
  "import.willCreate": "Nouveau",
  "import.willUpdate": "Mis à jour",
  "import.stockChange": "stock {from} → {to}",
  "import.confirm": "Importer {n} produits",
  "import.confirmOne": "Importer 1 produit",
  "import.done": "Import terminé. Produits créés : {create}. Produits mis à jour : {update}.",
  "import.back": "Retour aux produits",

  "import.file.missing": "Choisissez un fichier CSV.",
  "import.file.tooLarge": "Ce fichier dépasse 1 Mo : découpez-le en plusieurs fichiers.",
  "import.file.notCsv":
    "Ce fichier n’est pas un fichier CSV (du texte). Dans Excel ou LibreOffice, choisissez « Enregistrer sous », puis le format « CSV (séparateur : point-virgule) ».",
  "import.file.empty": "Ce fichier est vide.",
  "import.file.onlyHeader": "Ce fichier n’a que la ligne des titres : ajoutez vos produits en dessous, un par ligne.",
  "import.file.missingName":
    "Il manque la colonne « nom ». La première ligne doit nommer les colonnes : nom ; description ; prix ; stock ; catégorie.",
  "import.file.missingPrice":
    "Il manque la colonne « prix ». La première ligne doit nommer les colonnes : nom ; description ; prix ; stock ; catégorie.",
  "import.file.duplicateColumn": "La colonne « {column} » apparaît deux fois dans la première ligne.",
  "import.file.tooMany": "Ce fichier a plus de {max} produits : découpez-le en fichiers de {max} produits au plus.",
  "import.file.lineTooLong":
    "Ligne {line} : trop longue (plus de {max} caractères). Un guillemet est-il resté ouvert ?",
  "import.file.malformed": "Ligne {line} : le fichier ne se lit pas (un guillemet mal placé ?).",
  "import.file.changed":
    "Le fichier ou les produits du stand ont changé depuis l’aperçu. Vérifiez ce nouvel aperçu : rien n’a été enregistré.",
  "import.file.hasErrors": "Rien n’a été importé : corrigez d’abord les lignes signalées.",

  "import.line.formula":
    "Ligne {line} : « {value} » commence par « {sign} », comme une formule de tableur, qui n’est pas acceptée. Retirez ce signe.",
  "import.line.nameMissing": "Ligne {line} : le nom manque.",
  "import.line.nameTooShort": "Ligne {line} : le nom « {value} » est trop court (2 caractères au moins).",
  "import.line.nameTooLong": "Ligne {line} : le nom dépasse 120 caractères.",
  "import.line.descriptionTooLong": "Ligne {line} : la description dépasse 2 000 caractères.",
  "import.line.controlCharacters": "Ligne {line} : un caractère invisible non autorisé se cache dans le texte.",
  "import.line.priceMissing": "Ligne {line} : le prix manque.",
  "import.line.priceInvalid": "Ligne {line} : le prix « {value} » n’est pas un prix (par exemple 3,50).",
  "import.line.priceNegative": "Ligne {line} : le prix « {value} » est négatif.",
  "import.line.priceTooHigh": "Ligne {line} : le prix « {value} » dépasse 10 000 €.",
  "import.line.stockInvalid": "Ligne {line} : le stock « {value} » n’est pas un nombre entier.",
  "import.line.stockNegative": "Ligne {line} : le stock « {value} » est négatif.",
  "import.line.stockTooLarge": "Ligne {line} : le stock « {value} » dépasse 100 000.",
  "import.line.category":
    "Ligne {line} : « {value} » n’est pas une catégorie du marché (voir « Ce que le fichier peut contenir »).",
  "import.line.extraCells":
    "Ligne {line} : plus de cellules que de colonnes. Un texte contient-il le séparateur ? Mettez-le entre guillemets.",
  "import.line.duplicate": "Ligne {line} : « {value} » figure déjà ligne {first}.",
  "import.line.invalid": "Ligne {line} : une cellule n’est pas valable.",
} as const;
