import { env } from "./env.server";

/** Absolute link for emails and link previews: PUBLIC_URL when set, else the address the request came to. */
export function absoluteUrl(request: Request, pathname: string): string {
  return new URL(pathname, env.PUBLIC_URL ?? new URL(request.url).origin).href;
}
