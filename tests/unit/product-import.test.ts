// Reading a merchant's product file: what Excel and LibreOffice write in France (";", BOM,
// Windows-1252, decimal commas, quoted cells over several lines), and every bad file or line,
// each with its own message. No database: parsing decides nothing about the stall.
import { describe, expect, it } from "vitest";
import {
  categoryOf,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_LINE_CHARS,
  IMPORT_MAX_PRODUCTS,
  parseProductCsv,
  productNameKey,
  type ParsedImport,
} from "~/models/product-import.server";

const utf8 = (text: string) => new TextEncoder().encode(text);

function parsed(result: ParsedImport) {
  if (!result.ok) throw new Error(`refused: ${result.problem.key}`);
  return result;
}
function refused(result: ParsedImport) {
  if (result.ok) throw new Error("accepted");
  return result;
}
const products = (result: ParsedImport) => parsed(result).lines.map((line) => line.product);
const problemsOf = (text: string) =>
  parsed(parseProductCsv(utf8(text))).lines.map((line) => line.problems.map((p) => [p.key, p.vars]));

describe("what spreadsheets write", () => {
  it("reads ';' with French headers, decimal commas, '€' and an optional stock", () => {
    const file = "nom;description;prix;stock;catégorie\nMiel de sapin;500 g;12,50 €;4;Miellerie\nNougat;;3,5;;\n";
    expect(products(parseProductCsv(utf8(file)))).toEqual([
      { name: "Miel de sapin", description: "500 g", priceCents: 1250, stock: 4, hasDescription: true },
      { name: "Nougat", description: "", priceCents: 350, stock: null, hasDescription: false },
    ]);
  });

  it("reads ',' with English headers in another order, any case and accents, and ignores unknown columns", () => {
    const result = parsed(parseProductCsv(utf8('PRICE,Référence,Name,Stock\n3.50,A12,"Bougie, cire d\'abeille",2\n')));
    expect(result.lines[0]!.product).toMatchObject({ name: "Bougie, cire d'abeille", priceCents: 350, stock: 2 });
    expect(result.ignoredColumns).toEqual(["Référence"]);
  });

  it("drops a UTF-8 BOM and reads Windows-1252 (é, €, ’, œ) when the bytes are not UTF-8", () => {
    const bom = parsed(parseProductCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("nom;prix\nCrème;2\n")])));
    expect(bom.lines[0]!.product?.name).toBe("Crème");
    // "Catégorie" header; "Bœuf d’été" at 3,00 € in Windows-1252.
    const cp1252 = new Uint8Array([
      ...utf8("nom;prix;cat"),
      0xe9,
      ...utf8("gorie\nB"),
      0x9c,
      ...utf8("uf d"),
      0x92,
      0xe9,
      ...utf8("t"),
      0xe9,
      ...utf8(";3,00 "),
      0x80,
      ...utf8(";\n"),
    ]);
    expect(products(parseProductCsv(cp1252))).toEqual([
      { name: "Bœuf d’été", description: "", priceCents: 300, stock: null, hasDescription: false },
    ]);
  });

  it("keeps quoted cells with separators, quotes and line breaks, and numbers lines as the file does", () => {
    const file =
      'nom;description;prix\r\n"Coffret ""Noël""";"Trois pots ;\r\nmiel et nougat";20\r\n\r\nBad;x;douze\r\n';
    const result = parsed(parseProductCsv(utf8(file)));
    expect(result.lines[0]).toMatchObject({
      line: 2,
      product: { name: 'Coffret "Noël"', description: "Trois pots ;\nmiel et nougat" },
    });
    // The blank line 4 is skipped but counted.
    expect(result.lines[1]).toMatchObject({ line: 5, product: null });
    expect(result.lines[1]!.problems[0]).toEqual({
      key: "import.line.priceInvalid",
      vars: { line: 5, value: "douze" },
    });
  });

  it("skips Excel's empty rows (only separators) and empty trailing cells", () => {
    const result = parsed(parseProductCsv(utf8("nom;prix;;\nSavon;4;;\n;;;\n;;;\n")));
    expect(result.lines).toHaveLength(1);
    expect(result.lines[0]!.problems).toEqual([]);
  });

  it("recognises a product by its name whatever the accents, case, apostrophes and spaces", () => {
    expect(productNameKey("Pain d’épices  au MIEL")).toBe(productNameKey("pain d'epices au miel"));
    expect(categoryOf("vins et produits du terroir")).toBe("vins-terroir");
    expect(categoryOf("Honey")).toBe("miellerie");
    expect(categoryOf("chocolatier")).toBe("chocolatier");
    expect(categoryOf("Confiture")).toBeNull();
  });
});

describe("bad lines: each its own message, and no product", () => {
  it("refuses a formula in any cell, but says 'negative' of a negative price or stock", () => {
    const file = [
      "nom;description;prix;stock",
      '=HYPERLINK("http://x");a;2;1',
      "Savon;@SUM(A1);2;1",
      "Savon 2;desc;+2;1",
      "Savon 3;desc;-3,50;1",
      "Savon 4;desc;3;-2",
    ].join("\n");
    expect(problemsOf(file).map((line) => line.map(([key]) => key))).toEqual([
      ["import.line.formula"],
      ["import.line.formula"],
      ["import.line.formula"],
      ["import.line.priceNegative"],
      ["import.line.stockNegative"],
    ]);
    expect(problemsOf(file)[1]![0]![1]).toMatchObject({ line: 3, sign: "@" });
  });

  it("holds every line to the product form's bounds", () => {
    const file = [
      "nom;description;prix;stock;categorie",
      ";;2;1;",
      "X;;2;1;",
      `${"n".repeat(121)};;2;1;`,
      `Long;${"d".repeat(2001)};2;1;`,
      "Cher;;10000,01;1;",
      "Stock;;2;100001;",
      "Demi;;2;1,5;",
      "Sans prix;;;1;",
      "Catégorie;;2;1;Confitures",
      "Double;;2;1;",
      "DOUBLE;;3;1;",
      "Trop;;2;1;;extra",
    ].join("\n");
    expect(problemsOf(file).map((line) => line.map(([key]) => key))).toEqual([
      ["import.line.nameMissing"],
      ["import.line.nameTooShort"],
      ["import.line.nameTooLong"],
      ["import.line.descriptionTooLong"],
      ["import.line.priceTooHigh"],
      ["import.line.stockTooLarge"],
      ["import.line.stockInvalid"],
      ["import.line.priceMissing"],
      ["import.line.category"],
      [],
      ["import.line.duplicate"],
      ["import.line.extraCells"],
    ]);
    expect(problemsOf(file)[10]![0]![1]).toEqual({ line: 12, value: "DOUBLE", first: 11 });
  });
});

describe("bad files: one message, no line", () => {
  const problem = (bytes: Uint8Array) => refused(parseProductCsv(bytes)).problem.key;

  it("refuses what is not text: an image, a renamed .xlsx, a PDF", () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, ...utf8("[Content_Types].xml")]);
    const pdf = utf8("%PDF-1.7\n%\u0001\u0002\n");
    expect([problem(png), problem(xlsx), problem(pdf)]).toEqual([
      "import.file.notCsv",
      "import.file.notCsv",
      "import.file.notCsv",
    ]);
  });

  it("says empty, only headers, a missing or doubled column", () => {
    expect(problem(utf8(""))).toBe("import.file.empty");
    expect(problem(utf8(" \r\n\r\n"))).toBe("import.file.empty");
    expect(problem(utf8("nom;prix\n;\n"))).toBe("import.file.onlyHeader");
    expect(problem(utf8("nom;description\nSavon;doux\n"))).toBe("import.file.missingPrice");
    expect(problem(utf8("produit;prix\nSavon;2\n"))).toBe("import.file.missingName");
    expect(problem(utf8("nom;name;prix\nSavon;Soap;2\n"))).toBe("import.file.duplicateColumn");
  });

  it("refuses more than the limit of products, a line too long, broken quotes, a file too big", () => {
    const many = `nom;prix\n${"Savon;2\n".repeat(10_000)}`;
    const started = performance.now();
    expect(refused(parseProductCsv(utf8(many))).problem).toEqual({
      key: "import.file.tooMany",
      vars: { max: IMPORT_MAX_PRODUCTS },
    });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(parsed(parseProductCsv(utf8(`nom;prix\n${"Savon;2\n".repeat(IMPORT_MAX_PRODUCTS)}`))).lines).toHaveLength(
      IMPORT_MAX_PRODUCTS,
    );

    const long = refused(parseProductCsv(utf8(`nom;prix\nSavon;2\n"${"x".repeat(IMPORT_MAX_LINE_CHARS + 1)}";2\n`)));
    expect(long.problem).toMatchObject({ key: "import.file.lineTooLong", vars: { line: 3 } });
    expect(problem(utf8('nom;prix\n"Savon;2\nBougie;3\n'))).toBe("import.file.malformed");
    expect(refused(parseProductCsv(new Uint8Array(IMPORT_MAX_BYTES + 1).fill(0x41))).status).toBe(413);
  });
});

it("reads the example file linked from the import page without a problem", async () => {
  const { readFile } = await import("node:fs/promises");
  const example = parsed(parseProductCsv(new Uint8Array(await readFile("public/modele-produits.csv"))));
  expect(example.lines.map((line) => [line.line, line.problems])).toEqual([
    [2, []],
    [3, []],
    [4, []],
    [5, []],
  ]);
  expect(example.lines[3]!.product).toMatchObject({ name: "Coffret « Noël »", priceCents: 2400, stock: null });
});
