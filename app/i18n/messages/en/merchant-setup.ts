// English for app/i18n/messages/merchant-setup.ts, loaded by the browser only on English pages (app/i18n/en.ts).
import type { fr } from "../merchant-setup";

export const en: Record<keyof typeof fr, string> = {
  "merchantSetup.signup.invitedHint":
    "The address your invitation was sent to: with it, your account opens at once, with no confirmation e-mail.",
  "merchantSetup.stall.later":
    "Your pickup details, company name, SIRET and company address can be added afterwards, from the stall’s details, before it is approved.",
  "merchantSetup.missing": "Before your stall can be approved, it still needs: {fields}.",
  "merchantSetup.missing.complete": "Complete the details",

  "merchantSetup.photos.choose": "Choose photos",
  "merchantSetup.photos.chooseOne": "Choose a photo",
  "merchantSetup.photos.take": "Take a photo",
  "merchantSetup.photos.hint": "Your phone’s photos are made smaller before they are sent.",
  "merchantSetup.photos.preparing": "Preparing the photos: {done} of {total}…",
  "merchantSetup.photos.readyOne": "1 photo ready to send ({size}).",
  "merchantSetup.photos.readyMany": "{count} photos ready to send ({size}).",
  "merchantSetup.photos.notImage": "“{name}” is not an image: choose a photo.",
  "merchantSetup.photos.stillTooLarge": "“{name}” is still too large, even made smaller ({max} at most).",
  "merchantSetup.photos.wait": "Please wait: the photos are being prepared.",
  "merchantSetup.photos.main": "Main photo",
  "merchantSetup.photos.makeMain": "Make it the main photo",
  "merchantSetup.photos.mainSaved": "Main photo chosen: it is the one cards show.",

  "merchantSetup.product.saveAnother": "Save and add another",
  "merchantSetup.product.saveDone": "Save and finish",
  "merchantSetup.product.saved": "“{name}” is saved. Add the next product.",

  "merchantSetup.tooLarge.title": "Upload too large",
  "merchantSetup.tooLarge.text":
    "The photos sent are over the allowed size ({max} per photo). Go back to the page and send fewer at a time, or lighter photos.",
  "merchantSetup.tooLarge.back": "Back to the page",
};
