// A browser's Web Push subscription, for the signed-in user (app/components/push-button.tsx):
// saved (zod-checked in push.server.ts) or removed (their own only). A resource route: answers
// are Responses (data() keeps its status only on a page's route).
import type { ActionFunctionArgs } from "@remix-run/node";
import type { MessageKey } from "~/i18n";
import { removeSubscription, saveSubscription } from "~/models/push.server";
import { pushActionSchema } from "~/schemas/order-alerts";
import { requireUser } from "~/utils/auth.server";
import { readForm, validateForm, type FormErrors } from "~/utils/forms.server";

const answer = (message: MessageKey) => Response.json({ ok: true, message });
const invalid = () =>
  Response.json({ errors: {}, formError: "alerts.push.invalid" } satisfies FormErrors, { status: 400 });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = validateForm(await readForm(request), pushActionSchema);
  if (!parsed.ok) return invalid();
  if (parsed.value.intent === "unsubscribe") {
    await removeSubscription(user.id, parsed.value.endpoint);
    return answer("alerts.push.disabled");
  }
  let subscription: unknown;
  try {
    subscription = JSON.parse(parsed.value.subscription);
  } catch {
    return invalid();
  }
  if (!(await saveSubscription(user.id, subscription)).ok) return invalid();
  return answer("alerts.push.enabled");
}
