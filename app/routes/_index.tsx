import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listPublicMarkets } from "~/models/market.server";
import { useT } from "~/utils/i18n";

export const meta: MetaFunction = () => [{ title: "Chalet" }];

export async function loader({ context }: LoaderFunctionArgs) {
  return listPublicMarkets(context.now());
}

export default function Home() {
  const { open, upcoming, past } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div>
      <h1 className="font-display text-4xl text-fir-800">{t("app.tagline")}</h1>
      <ul>
        {[...open, ...upcoming, ...past].map((m) => (
          <li key={m.id}>
            <Link to={`/m/${m.slug}`}>{m.name}</Link> {m.status.open ? t("status.open") : t("status.closed")}
          </li>
        ))}
      </ul>
    </div>
  );
}
