import type { MetaDescriptor } from "@remix-run/node";

export type Preview = {
  title: string;
  description: string;
  /** Absolute URL of the page. */
  url: string;
  /** Absolute URL of the PNG card, when there is one. */
  image: string | null;
  type: "website" | "article";
};

/** Title, description and the Open Graph / Twitter tags that chat apps read for link previews. */
export function previewMeta(p: Preview): MetaDescriptor[] {
  const tags: MetaDescriptor[] = [
    { title: p.title },
    { name: "description", content: p.description },
    { property: "og:site_name", content: "Chalet" },
    { property: "og:title", content: p.title },
    { property: "og:description", content: p.description },
    { property: "og:type", content: p.type },
    { property: "og:url", content: p.url },
    { tagName: "link", rel: "canonical", href: p.url },
    // X reads og:title, og:description and og:image when its own tags are missing: only the
    // card's kind has no Open Graph equivalent (three tags fewer on every page with a preview).
    { name: "twitter:card", content: p.image ? "summary_large_image" : "summary" },
  ];
  if (p.image) {
    tags.push(
      { property: "og:image", content: p.image },
      { property: "og:image:width", content: "1200" },
      { property: "og:image:height", content: "630" },
    );
  }
  return tags;
}

/** Route `meta` for pages whose loader returns a `preview`; a bare title when there is no data (an error). */
export function previewRouteMeta({ data }: { data: { preview: Preview } | undefined }): MetaDescriptor[] {
  return data ? previewMeta(data.preview) : [{ title: "Chalet" }];
}
