import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { SubmitButton } from "~/components/forms";
import { STALL_CATEGORIES } from "~/models/categories";
import { IMPORT_MAX_BYTES, parseProductCsv, type ImportProblem } from "~/models/product-import.server";
import { importProducts, planProductImport, type ImportPlan } from "~/models/product.server";
import { requireStallOwner } from "~/utils/auth.server";
import { formatPrice } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";
import { readMultipartForm, UploadError, uploadedFile } from "~/utils/uploads.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStallOwner(request, params.stallId!);
  return { stallId: params.stallId!, maxBytes: IMPORT_MAX_BYTES };
}

type ImportAnswer = { plan?: ImportPlan; problem?: ImportProblem };

const answer = (body: ImportAnswer, status: number) => data(body, { status });

/**
 * "preview" reads the file and says what importing it would do, writing nothing. "import" reads
 * the file again (the browser sends it again: nothing it says about the preview is trusted) and
 * imports it only when it is the previewed file, on the same products, without a bad line.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const stallId = params.stallId!;
  await requireStallOwner(request, stallId);
  let form: FormData;
  try {
    form = await readMultipartForm(request);
  } catch (error) {
    if (!(error instanceof UploadError)) throw error;
    const key = error.key === "upload.tooLarge" ? "import.file.tooLarge" : error.key;
    return answer({ problem: { key } }, error.status);
  }
  const file = uploadedFile(form.get("file"));
  if (!file) return answer({ problem: { key: "import.file.missing" } }, 400);
  const parsed = parseProductCsv(new Uint8Array(await file.arrayBuffer()));
  if (!parsed.ok) return answer({ problem: parsed.problem }, parsed.status);

  if (form.get("intent") !== "import") {
    const plan = await planProductImport(stallId, parsed);
    return answer({ plan }, plan.errors > 0 ? 422 : 200);
  }
  const token = form.get("token");
  const result = await importProducts(stallId, parsed, typeof token === "string" ? token : "");
  if (!result.ok) {
    const bad = result.plan.errors > 0;
    return answer(
      { plan: result.plan, problem: { key: bad ? "import.file.hasErrors" : "import.file.changed" } },
      bad ? 422 : 409,
    );
  }
  const { create, update } = result.plan;
  return redirect(`/merchant/stalls/${stallId}/products?created=${create}&updated=${update}`);
}

export default function ImportProducts() {
  const { stallId, maxBytes } = useLoaderData<typeof loader>();
  // Remix 2 types data() bodies as their wrapper without the single-fetch flag: the body is ours.
  const result = useActionData() as ImportAnswer | undefined;
  const navigation = useNavigation();
  const submit = useSubmit();
  const t = useT();
  const locale = useLocale();
  const [tooLarge, setTooLarge] = useState(false);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const plan = result?.plan;
  const busy = navigation.state !== "idle";

  // A new preview takes the focus, so a screen reader starts reading it where it begins.
  useEffect(() => {
    if (plan) previewHeading.current?.focus();
  }, [plan]);

  // Refused here before sending: a big file would only be refused after its upload.
  const fileTooLarge = (form: HTMLFormElement) => {
    const input = form.elements.namedItem("file");
    const file = input instanceof HTMLInputElement ? input.files?.[0] : undefined;
    const large = (file?.size ?? 0) > maxBytes;
    setTooLarge(large);
    return large;
  };
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const form = event.currentTarget.form;
    if (!form || fileTooLarge(form) || !event.currentTarget.files?.length) return;
    const body = new FormData(form);
    body.set("intent", "preview");
    submit(body, { method: "post", encType: "multipart/form-data" });
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (fileTooLarge(event.currentTarget)) event.preventDefault();
  };

  const problem = tooLarge ? { key: "import.file.tooLarge" as const } : busy ? undefined : result?.problem;
  const count = plan ? plan.create + plan.update : 0;
  return (
    <section aria-labelledby="import-title">
      <p className="mb-2 text-sm">
        <Link
          to={`/merchant/stalls/${stallId}/products`}
          className="font-semibold text-fir-800 underline underline-offset-4"
        >
          <span aria-hidden="true">← </span>
          {t("import.back")}
        </Link>
      </p>
      <h1 id="import-title" className="mb-3 font-display text-3xl text-fir-800">
        {t("import.title")}
      </h1>
      <div className="mb-4 space-y-2 text-bark">
        <p>{t("import.intro")}</p>
        <p>
          <a href="/modele-produits.csv" download className="font-semibold text-fir-800 underline underline-offset-4">
            {t("import.example")}
          </a>
        </p>
        <details className="rounded-lg bg-white px-3 py-2 ring-1 ring-fir-600/20">
          <summary className="min-h-8 cursor-pointer font-semibold text-fir-900">{t("import.help")}</summary>
          <div className="mt-2 space-y-2">
            <p>{t("import.rules")}</p>
            <p>{t("import.update")}</p>
            <p className="text-sm">
              {t("import.categories", { list: STALL_CATEGORIES.map((c) => t(`category.${c}`)).join(", ") })}
            </p>
          </div>
        </details>
      </div>
      <Form
        method="post"
        encType="multipart/form-data"
        noValidate
        onSubmit={onSubmit}
        className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-fir-600/20"
      >
        <div role="alert">
          {problem ? (
            <p
              id="import-problem"
              className="mb-4 rounded-lg border border-wine-600 bg-wine-50 px-3 py-2 font-semibold text-wine-800"
            >
              {t(problem.key, problem.vars)}
            </p>
          ) : null}
        </div>
        <label htmlFor="import-file" className="block font-semibold text-fir-900">
          {t("import.file")}
        </label>
        <input
          id="import-file"
          name="file"
          type="file"
          accept=".csv,text/csv,text/plain"
          onChange={onChange}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? "import-problem" : undefined}
          className="mt-1 mb-4 block w-full text-base file:mr-3 file:min-h-12 file:rounded-full file:border-0 file:bg-fir-100 file:px-4 file:font-semibold file:text-fir-900"
        />
        <button
          type="submit"
          name="intent"
          value="preview"
          disabled={busy}
          className="inline-flex min-h-12 w-full items-center justify-center rounded-full bg-white px-5 font-semibold text-fir-800 ring-1 ring-fir-600/50 hover:bg-fir-50 disabled:opacity-60"
        >
          {t("import.preview")}
        </button>

        {plan ? (
          <div className="mt-6">
            <h2 ref={previewHeading} tabIndex={-1} className="font-display text-2xl text-fir-800">
              {t("import.previewTitle")}
            </h2>
            <p className="mt-2 font-semibold">
              {t("import.summary", { create: plan.create, update: plan.update, errors: plan.errors })}
            </p>
            {plan.errors > 0 ? <p className="mt-1 font-semibold text-wine-700">{t("import.fixFirst")}</p> : null}
            {plan.ignoredColumns.length ? (
              <p className="mt-1 text-sm">{t("import.ignored", { list: plan.ignoredColumns.join(", ") })}</p>
            ) : null}
            <div className="mt-3 overflow-x-auto">
              <table className="w-full border-collapse text-left text-sm">
                <caption className="sr-only">{t("import.previewTitle")}</caption>
                <thead>
                  <tr className="border-b border-fir-600/30">
                    <th scope="col" className="py-2 pr-2">
                      {t("import.colLine")}
                    </th>
                    <th scope="col" className="py-2 pr-2">
                      {t("import.colProduct")}
                    </th>
                    <th scope="col" className="py-2">
                      {t("import.colResult")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {plan.lines.map((line) => (
                    <tr
                      key={line.line}
                      className={`border-b border-fir-600/10 align-top ${line.problems.length ? "bg-wine-50" : ""}`}
                    >
                      <td className="py-2 pr-2 tabular-nums">{line.line}</td>
                      <th scope="row" className="py-2 pr-2 font-normal break-words">
                        <span className="font-semibold">{line.product?.name ?? line.name}</span>
                        {line.product ? (
                          <span className="block text-bark">
                            {formatPrice(line.product.priceCents, locale)}
                            {line.product.stock !== null || line.action === "create"
                              ? ` · ${t("merchant.products.stockCount", { n: line.product.stock ?? 1 })}`
                              : null}
                          </span>
                        ) : null}
                      </th>
                      <td className="py-2">
                        {line.problems.length ? (
                          <ul className="space-y-1 font-semibold text-wine-700">
                            {line.problems.map((p, index) => (
                              <li key={index}>{t(p.key, p.vars)}</li>
                            ))}
                          </ul>
                        ) : line.action === "update" ? (
                          <>
                            {t("import.willUpdate")}
                            {line.product?.stock !== null && line.stockWas !== null ? (
                              <span className="block text-bark">
                                {t("import.stockChange", { from: line.stockWas, to: line.product?.stock ?? "" })}
                              </span>
                            ) : null}
                          </>
                        ) : (
                          t("import.willCreate")
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <input type="hidden" name="token" value={plan.token} />
            <SubmitButton
              name="intent"
              value="import"
              disabled={plan.errors > 0 || busy}
              className="mt-4 w-full text-lg"
            >
              {count === 1 ? t("import.confirmOne") : t("import.confirm", { n: count })}
            </SubmitButton>
          </div>
        ) : null}
      </Form>
    </section>
  );
}
