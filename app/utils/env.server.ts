import { z } from "zod";

// Every setting is optional so that a fresh clone starts with none set; see .env.example.
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.string().default("file:./data/chalet.db"),
  SESSION_SECRET: z.string().min(16).optional(),
  PUBLIC_URL: z.string().url().optional(),
  UPLOAD_DIR: z.string().default("./data/uploads"),
  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 1024 * 1024),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Chalet <noreply@chalet.local>"),
  SEED_DEMO: z.enum(["auto", "never"]).default("auto"),
  LOG_REQUESTS: z.enum(["0", "1"]).default("1"),
  /** Serves /bench/bare, the baseline route of bench/stall-page.ts. */
  CHALET_BENCH: z.enum(["0", "1"]).default("0"),
});

export type Env = z.infer<typeof EnvSchema>;

function loadEnv(): Env {
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
    throw new Error("SESSION_SECRET must be set (16+ characters) in production");
  }
  return env;
}

export const env = loadEnv();

/** Cookie signing secret; a fixed development value keeps sessions across restarts of the demo. */
export const sessionSecret = env.SESSION_SECRET ?? "chalet-development-secret-change-me";
