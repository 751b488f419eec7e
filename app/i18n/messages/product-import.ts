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

export const en: Record<keyof typeof fr, string> = {
  "import.link": "Import a file",
  "import.title": "Import products",
  "import.intro":
    "One line per product, under a first line naming the columns: name, description, price, stock, category (in any order; description, stock and category are optional). Save your spreadsheet as “CSV”.",
  "import.rules":
    "At most 500 products and 1 MB per file. Prices like “3.50”, “3,50” or “3,50 €”. Empty stock: 1 for a new product. A cell starting with =, +, - or @ (a formula) is refused.",
  "import.update":
    "A product with the same name already in your stall is updated (price, and description and stock when filled in) instead of being created twice.",
  "import.categories": "Possible categories: {list}. The category is checked but not stored yet.",
  "import.help": "What the file may hold",
  "import.example": "Download an example file (modele-produits.csv)",
  "import.file": "CSV file",
  "import.preview": "Preview",
  "import.previewTitle": "Preview: nothing saved yet",
  "import.summary": "To create: {create}. To update: {update}. Lines to fix: {errors}.",
  "import.fixFirst": "Fix these lines in your file, then choose it again: nothing is imported while a line is wrong.",
  "import.ignored": "Columns ignored: {list}.",
  "import.colLine": "Line",
  "import.colProduct": "Product",
  "import.colResult": "Result",
  "import.willCreate": "New",
  "import.willUpdate": "Updated",
  "import.stockChange": "stock {from} → {to}",
  "import.confirm": "Import {n} products",
  "import.confirmOne": "Import 1 product",
  "import.done": "Import done. Products created: {create}. Products updated: {update}.",
  "import.back": "Back to products",

  "import.file.missing": "Choose a CSV file.",
  "import.file.tooLarge": "This file is over 1 MB: split it into several files.",
  "import.file.notCsv":
    "This file is not a CSV file (text). In Excel or LibreOffice, choose “Save as”, then the “CSV” format.",
  "import.file.empty": "This file is empty.",
  "import.file.onlyHeader": "This file only has the line of titles: add your products below it, one per line.",
  "import.file.missingName":
    "The “name” column is missing. The first line must name the columns: name; description; price; stock; category.",
  "import.file.missingPrice":
    "The “price” column is missing. The first line must name the columns: name; description; price; stock; category.",
  "import.file.duplicateColumn": "The column “{column}” appears twice in the first line.",
  "import.file.tooMany": "This file has more than {max} products: split it into files of at most {max} products.",
  "import.file.lineTooLong": "Line {line}: too long (more than {max} characters). Is a quote left open?",
  "import.file.malformed": "Line {line}: the file cannot be read (a misplaced quote?).",
  "import.file.changed":
    "The file or the stall’s products changed since the preview. Check this new preview: nothing was saved.",
  "import.file.hasErrors": "Nothing was imported: fix the lines shown first.",

  "import.line.formula":
    "Line {line}: “{value}” starts with “{sign}”, like a spreadsheet formula, which is not accepted. Remove that sign.",
  "import.line.nameMissing": "Line {line}: the name is missing.",
  "import.line.nameTooShort": "Line {line}: the name “{value}” is too short (at least 2 characters).",
  "import.line.nameTooLong": "Line {line}: the name is over 120 characters.",
  "import.line.descriptionTooLong": "Line {line}: the description is over 2,000 characters.",
  "import.line.controlCharacters": "Line {line}: an invisible character that is not allowed hides in the text.",
  "import.line.priceMissing": "Line {line}: the price is missing.",
  "import.line.priceInvalid": "Line {line}: the price “{value}” is not a price (for example 3.50).",
  "import.line.priceNegative": "Line {line}: the price “{value}” is negative.",
  "import.line.priceTooHigh": "Line {line}: the price “{value}” is over €10,000.",
  "import.line.stockInvalid": "Line {line}: the stock “{value}” is not a whole number.",
  "import.line.stockNegative": "Line {line}: the stock “{value}” is negative.",
  "import.line.stockTooLarge": "Line {line}: the stock “{value}” is over 100,000.",
  "import.line.category": "Line {line}: “{value}” is not a category of the market (see “What the file may hold”).",
  "import.line.extraCells":
    "Line {line}: more cells than columns. Does a text contain the separator? Put it between quotes.",
  "import.line.duplicate": "Line {line}: “{value}” is already on line {first}.",
  "import.line.invalid": "Line {line}: a cell is not valid.",
};
