// Reading a merchant's product list from a CSV file (the import's preview and its confirmation
// both start here). Pure: bytes in, lines with their products or their problems out; what the
// stall already has is decided by product.server.ts (planProductImport, importProducts).
import { createHash } from "node:crypto";
import { CsvError, parse } from "csv-parse/sync";
import { createTranslator, type MessageKey } from "~/i18n";
import { STALL_CATEGORIES, type StallCategory } from "~/models/categories";
import { productSchema } from "~/schemas/merchant";

/** Products one file may carry: a stall has a few dozen; a bigger file is a mistake or a test. */
export const IMPORT_MAX_PRODUCTS = 500;
/** 500 products of a 120-character name and a long description fit; the upload limit is above. */
export const IMPORT_MAX_BYTES = 1024 * 1024;
/** One line (a record) of the file: a name and a 2,000-character description fit with room. */
export const IMPORT_MAX_LINE_CHARS = 10_000;

export type ImportField = "name" | "description" | "price" | "stock" | "category";

/** A message for the merchant, as a dictionary key and its values (translated by the page). */
export type ImportProblem = { key: MessageKey; vars?: Record<string, string | number> };

export type ImportProduct = {
  name: string;
  description: string;
  priceCents: number;
  /** Null when the cell was left empty: 1 for a new product, unchanged for an existing one. */
  stock: number | null;
  /** Whether the description cell said something: an empty one leaves an existing product's. */
  hasDescription: boolean;
};

export type ImportLine = {
  /** The file's line where the product starts (the header is line 1), as the merchant's
   *  spreadsheet numbers it when no cell spans several lines. */
  line: number;
  name: string;
  /** The product when the line is valid, null when it has problems. */
  product: ImportProduct | null;
  problems: ImportProblem[];
};

export type ParsedImport =
  | { ok: true; lines: ImportLine[]; ignoredColumns: string[]; digest: string }
  | { ok: false; problem: ImportProblem; status: 400 | 413 };

const HEADERS: Record<string, ImportField> = {
  nom: "name",
  name: "name",
  description: "description",
  prix: "price",
  price: "price",
  stock: "stock",
  categorie: "category",
  category: "category",
};

/** Without accents, case, spaces or signs: "Catégorie", "CATEGORIE " and "Prix (€)" read alike. */
function headerKey(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}

/**
 * How the import recognises a product the stall already has: "Pain d’épices", "pain d'epices"
 * and "PAIN  D’ÉPICES" are one product (accents, case, apostrophes and spaces ignored).
 */
export function productNameKey(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

// Windows-1252's 0x80–0x9F (Node's TextDecoder reads that label as Latin-1, where these bytes are
// control characters): "€", "’", "œ"… as Excel writes them. Undefined bytes stay controls.
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

function decodeWindows1252(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) {
    text += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  }
  return text;
}

/** UTF-8 (with or without BOM), UTF-16 with its BOM, or else Windows-1252 (Excel's default). */
function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  try {
    // ignoreBOM: false (the default) drops a UTF-8 BOM.
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

// Text files hold no control characters but tab and line breaks: an image, a PDF, an .xlsx (a zip)
// or an .xls renamed .csv always does in its first bytes.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const BINARY = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** The separator of the header line: the most frequent of ";", "," and tab outside quotes. */
function detectSeparator(text: string): string {
  const counts = new Map<string, number>([
    [";", 0],
    [",", 0],
    ["\t", 0],
  ]);
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best = ";"; // Excel in France, and the answer for a one-column file
  for (const [separator, count] of counts) if (count > counts.get(best)!) best = separator;
  return best;
}

// A cell a spreadsheet would run as a formula when the text is opened again (CSV injection):
// refused rather than stored, since products go back out in CSV files (the organiser's orders).
const FORMULA_START = /^[=+\-@]/;
const NEGATIVE_NUMBER = /^-\s*\d/;

const categoryKeys = new Map<string, StallCategory>();
for (const category of STALL_CATEGORIES) {
  categoryKeys.set(headerKey(category), category);
  for (const locale of ["fr", "en"] as const) {
    categoryKeys.set(headerKey(createTranslator(locale)(`category.${category}`)), category);
  }
}

/** The category a cell names (its key, or its French or English label), if any. */
export function categoryOf(cell: string): StallCategory | null {
  return categoryKeys.get(headerKey(cell)) ?? null;
}

// The product schema's messages, said of one line of the file.
const LINE_MESSAGES: Record<string, MessageKey> = {
  "name:form.required": "import.line.nameMissing",
  "name:form.tooShort": "import.line.nameTooShort",
  "name:form.tooLong": "import.line.nameTooLong",
  "name:form.controlCharacters": "import.line.controlCharacters",
  "description:form.tooLong": "import.line.descriptionTooLong",
  "description:form.controlCharacters": "import.line.controlCharacters",
  "price:form.required": "import.line.priceMissing",
  "price:form.mustBePositive": "import.line.priceNegative",
  "price:merchant.form.invalidPrice": "import.line.priceInvalid",
  "price:merchant.form.priceTooHigh": "import.line.priceTooHigh",
  "stock:form.mustBePositive": "import.line.stockNegative",
  "stock:merchant.form.stockTooLarge": "import.line.stockTooLarge",
  "stock:form.invalidNumber": "import.line.stockInvalid",
};

type Cells = Partial<Record<ImportField, string>>;

/** A cell as a message quotes it: a few words, not a whole page pasted into a price. */
const shown = (cell: string) => (cell.length > 40 ? `${cell.slice(0, 40)}…` : cell);

/** One line's cells checked with the product form's own schema, so the bounds are the form's. */
function checkLine(line: number, cells: Cells): { product: ImportProduct | null; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  for (const field of ["name", "description", "price", "stock", "category"] as const) {
    const value = cells[field] ?? "";
    // A negative price or stock is a number, refused as such below.
    const negativeNumber = (field === "price" || field === "stock") && NEGATIVE_NUMBER.test(value);
    if (FORMULA_START.test(value) && !negativeNumber) {
      problems.push({ key: "import.line.formula", vars: { line, value: shown(value), sign: value[0]! } });
    }
  }
  if (problems.length) return { product: null, problems };

  const stockCell = cells.stock ?? "";
  const stock = stockCell === "" ? null : /^-?\d+$/.test(stockCell) ? Number(stockCell) : Number.NaN;
  const parsed = productSchema.safeParse({
    // An empty cell is a missing value ("form.required"), not a wrong one.
    name: cells.name || undefined,
    description: cells.description ?? "",
    price: cells.price || undefined,
    stock: stock ?? 1,
  });
  if (cells.category && !categoryOf(cells.category)) {
    problems.push({ key: "import.line.category", vars: { line, value: shown(cells.category) } });
  }
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]) as ImportField;
      const key = LINE_MESSAGES[`${field}:${issue.message}`] ?? "import.line.invalid";
      problems.unshift({ key, vars: { line, value: shown(cells[field] ?? "") } });
    }
  }
  if (!parsed.success || problems.length) return { product: null, problems };
  const { name, description, price } = parsed.data;
  return {
    product: { name, description, priceCents: price, stock, hasDescription: description !== "" },
    problems,
  };
}

class TooManyProducts extends Error {}

const fileProblem = (key: MessageKey, vars?: ImportProblem["vars"], status: 400 | 413 = 400): ParsedImport => ({
  ok: false,
  problem: { key, vars },
  status,
});

/**
 * Reads a product file: each line with its product or its problems, or one problem for the
 * whole file (not text, empty, no header, a missing column, too many products, a line too long,
 * broken quoting). `digest` names the exact bytes, so a confirmation can tell it was the file
 * the merchant previewed.
 */
export function parseProductCsv(bytes: Uint8Array): ParsedImport {
  if (bytes.byteLength > IMPORT_MAX_BYTES) return fileProblem("import.file.tooLarge", undefined, 413);
  const text = decode(bytes);
  if (BINARY.test(text)) return fileProblem("import.file.notCsv");
  if (text.trim() === "") return fileProblem("import.file.empty");

  // One kind of line break: csv-parse counts a "\r\n" inside quotes as two lines.
  const normalised = text.replace(/\r\n?/g, "\n");
  // The records that say something (Excel writes rows of bare separators), with the line each
  // ends on; parsing stops at the first record past the limit, so 10,000 lines cost no more
  // than 500.
  const records: { record: string[]; end: number }[] = [];
  try {
    parse(normalised, {
      delimiter: detectSeparator(normalised),
      relax_column_count: true,
      // Savon "doux" without quotes around the cell: kept as written, as spreadsheets read it.
      relax_quotes: true,
      skip_empty_lines: true,
      max_record_size: IMPORT_MAX_LINE_CHARS,
      on_record: (record: string[], context) => {
        if (!record.some((cell) => cell.trim() !== "")) return null;
        records.push({ record, end: context.lines });
        if (records.length > IMPORT_MAX_PRODUCTS + 1) throw new TooManyProducts();
        return null;
      },
    });
  } catch (error) {
    if (error instanceof TooManyProducts) return fileProblem("import.file.tooMany", { max: IMPORT_MAX_PRODUCTS });
    if (!(error instanceof CsvError)) throw error;
    const line = Number((error as CsvError & { lines?: number }).lines ?? 0);
    return fileProblem(error.code === "CSV_MAX_RECORD_SIZE" ? "import.file.lineTooLong" : "import.file.malformed", {
      line,
      max: IMPORT_MAX_LINE_CHARS,
    });
  }

  const [header, ...rows] = records;
  if (!header) return fileProblem("import.file.empty");
  const columns = new Map<ImportField, number>();
  const ignoredColumns: string[] = [];
  for (const [index, title] of header.record.entries()) {
    const field = HEADERS[headerKey(title)];
    if (!field) {
      if (title.trim()) ignoredColumns.push(title.trim().slice(0, 40));
    } else if (columns.has(field)) {
      return fileProblem("import.file.duplicateColumn", { column: title.trim() });
    } else columns.set(field, index);
  }
  if (!columns.has("name")) return fileProblem("import.file.missingName");
  if (!columns.has("price")) return fileProblem("import.file.missingPrice");

  if (rows.length === 0) return fileProblem("import.file.onlyHeader");

  const seen = new Map<string, number>();
  const lines = rows.map(({ record, end }): ImportLine => {
    // A cell spanning lines moves the record's start up from its end.
    const line = end - record.reduce((breaks, cell) => breaks + (cell.match(/\n/g)?.length ?? 0), 0);
    const cells: Cells = {};
    for (const [field, index] of columns) cells[field] = (record[index] ?? "").trim();
    const extra = record.slice(header.record.length).filter((cell) => cell.trim() !== "").length;
    if (extra > 0) {
      const problem = { key: "import.line.extraCells", vars: { line } } as const;
      return { line, name: cells.name ?? "", product: null, problems: [problem] };
    }
    const { product, problems } = checkLine(line, cells);
    if (product) {
      const key = productNameKey(product.name);
      const first = seen.get(key);
      if (first !== undefined) {
        problems.push({ key: "import.line.duplicate", vars: { line, value: product.name, first } });
        return { line, name: product.name, product: null, problems };
      }
      seen.set(key, line);
    }
    return { line, name: cells.name ?? "", product, problems };
  });
  return { ok: true, lines, ignoredColumns, digest: createHash("sha256").update(bytes).digest("base64url") };
}
