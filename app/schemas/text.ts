// Text rules shared by every form schema. C0 control characters (U+0000–U+001F) cannot be
// typed in a form, are invisible on the page and are not allowed in XML, so one pasted by a
// script would break the SVG share cards. Multi-line fields keep tab, line feed and return.
import type { z } from "zod";

/* eslint-disable no-control-regex -- matching control characters is the point */
const SINGLE_LINE_CONTROL = /[\u0000-\u001f]/;
const MULTI_LINE_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
/* eslint-enable no-control-regex */

export function hasControlCharacters(text: string, multiLine = false): boolean {
  return (multiLine ? MULTI_LINE_CONTROL : SINGLE_LINE_CONTROL).test(text);
}

/** Refuses control characters with the "form.controlCharacters" message. */
export function withoutControlCharacters(schema: z.ZodString, multiLine = false) {
  return schema.refine((value) => !hasControlCharacters(value, multiLine), "form.controlCharacters");
}
