// English for app/i18n/messages/product-import.ts, loaded by the browser only on English pages (app/i18n/en.ts).
import type { fr } from "../product-import";

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
