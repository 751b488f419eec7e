import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { ForgotPasswordSchema, LoginSchema, ResetPasswordSchema, SignupSchema } from "~/schemas/accounts";
import { fr } from "~/i18n/messages/accounts";
import { fr as common } from "~/i18n/messages/common";

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

// The same call the server (validateForm) and the browser (useAccountForm) make.
function errorsOf(schema: Parameters<typeof parseWithZod>[1]["schema"], fields: Record<string, string>) {
  const submission = parseWithZod(form(fields), { schema });
  return submission.status === "success" ? null : submission.error;
}

const good = { name: "Léa Martin", email: "lea@example.test", password: "vin-chaud-et-marrons" };

describe("SignupSchema", () => {
  it("accepts a good form, trimming the name and email but not the password", () => {
    const submission = parseWithZod(
      form({ ...good, name: "  Léa Martin ", email: " lea@example.test ", password: " dix caracs " }),
      {
        schema: SignupSchema,
      },
    );
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    expect(submission.value).toMatchObject({ name: "Léa Martin", email: "lea@example.test", password: " dix caracs " });
  });

  it("asks for every field of an empty form", () => {
    expect(errorsOf(SignupSchema, { name: "", email: "", password: "" })).toEqual({
      name: ["form.required"],
      email: ["form.required"],
      password: ["form.required"],
    });
  });

  it("refuses a name of spaces", () => {
    expect(errorsOf(SignupSchema, { ...good, name: "    " })?.name).toEqual(["form.required"]);
  });

  it.each([["lea"], ["lea@"], ["@example.test"], ["lea example@test.fr"]])("refuses the email %j", (email) => {
    expect(errorsOf(SignupSchema, { ...good, email })?.email).toEqual(["form.invalidEmail"]);
  });

  it("enforces the length limits at their exact boundaries", () => {
    expect(errorsOf(SignupSchema, { ...good, name: "N".repeat(80) })).toBeNull();
    expect(errorsOf(SignupSchema, { ...good, name: "N".repeat(81) })?.name).toEqual(["form.tooLong"]);

    const local = "l".repeat(64);
    const at254 = `${local}@${"d".repeat(63)}.${"e".repeat(63)}.${"f".repeat(58)}.fr`;
    expect(at254).toHaveLength(254);
    expect(errorsOf(SignupSchema, { ...good, email: at254 })).toBeNull();
    expect(errorsOf(SignupSchema, { ...good, email: `a${at254}` })?.email).toContain("form.tooLong");

    expect(errorsOf(SignupSchema, { ...good, password: "p".repeat(9) })?.password).toEqual([
      "accounts.password.tooShort",
    ]);
    expect(errorsOf(SignupSchema, { ...good, password: "p".repeat(10) })).toBeNull();
    expect(errorsOf(SignupSchema, { ...good, password: "p".repeat(200) })).toBeNull();
    expect(errorsOf(SignupSchema, { ...good, password: "p".repeat(201) })?.password).toEqual([
      "accounts.password.tooLong",
    ]);
  });
});

describe("LoginSchema", () => {
  it("accepts a short password (older accounts) but requires one", () => {
    expect(errorsOf(LoginSchema, { email: "lea@example.test", password: "court" })).toBeNull();
    expect(errorsOf(LoginSchema, { email: "lea@example.test", password: "" })?.password).toEqual(["form.required"]);
  });

  it("refuses an over-long password before it reaches argon2", () => {
    expect(errorsOf(LoginSchema, { email: "lea@example.test", password: "p".repeat(201) })?.password).toEqual([
      "form.tooLong",
    ]);
  });

  it("keeps redirectTo optional", () => {
    const submission = parseWithZod(form({ email: "lea@example.test", password: "x", redirectTo: "/m/a" }), {
      schema: LoginSchema,
    });
    expect(submission.status === "success" && submission.value.redirectTo).toBe("/m/a");
  });
});

describe("reset schemas", () => {
  it("checks the email of a reset request and the strength of the new password", () => {
    expect(errorsOf(ForgotPasswordSchema, { email: "nope" })?.email).toEqual(["form.invalidEmail"]);
    expect(errorsOf(ForgotPasswordSchema, { email: "lea@example.test" })).toBeNull();
    expect(errorsOf(ResetPasswordSchema, { password: "court" })?.password).toEqual(["accounts.password.tooShort"]);
    expect(errorsOf(ResetPasswordSchema, { password: "assez-long-maintenant" })).toBeNull();
  });
});

it("every message a schema can give exists in the dictionaries", () => {
  const keys = new Set([...Object.keys(fr), ...Object.keys(common)]);
  const samples = [
    errorsOf(SignupSchema, { name: "", email: "", password: "" }),
    errorsOf(SignupSchema, { name: "N".repeat(81), email: "bad", password: "short" }),
    errorsOf(SignupSchema, { ...good, password: "p".repeat(201) }),
    errorsOf(LoginSchema, { email: "x".repeat(300), password: "p".repeat(201) }),
  ];
  for (const errors of samples)
    for (const messages of Object.values(errors ?? {})) for (const m of messages ?? []) expect(keys).toContain(m);
});
