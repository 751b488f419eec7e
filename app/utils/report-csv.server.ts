// The answer of a report CSV route that refuses its query: the reason in words, as plain text
// (a browser shows it as is), never cached.
export function reportCsvRefusal(refusal: { status: number; message: string }): Response {
  return new Response(refusal.message, {
    status: refusal.status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" },
  });
}
