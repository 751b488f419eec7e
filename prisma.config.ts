import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// Prisma does not read .env when a config file exists, and the CLI falls back to downloading a
// native engine when the schema's url cannot be resolved: one default here (the embedded
// server's address, server/database.ts). Only `prisma migrate status` and `db execute` are used
// through this adapter: migrations are applied by server/migrate.ts (docs/architecture.md).
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5488/chalet";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL! });
  },
});
