// The baseline of bench/photos.ts: what /uploads was before photos moved to PostgreSQL, express.static
// on a folder with a year of immutable caching, and nothing else. Prints "BARE_URL=<url>".
import express from "express";

const dir = process.env.BENCH_STATIC_DIR;
if (!dir) throw new Error("BENCH_STATIC_DIR: the folder to serve");
const app = express();
app.use("/uploads", express.static(dir, { immutable: true, maxAge: "1y", fallthrough: false }));
const server = app.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object") console.log(`BARE_URL=http://127.0.0.1:${address.port}`);
});
process.once("SIGTERM", () => server.close(() => process.exit(0)));
