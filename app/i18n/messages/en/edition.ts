// English for app/i18n/messages/edition.ts, loaded by the browser only on English pages (app/i18n/en.ts).
import type { fr } from "../edition";

export const en: Record<keyof typeof fr, string> = {
  "edition.reconduire": "Carry over",
  "edition.nextEdition": "Next edition: {name}",
  "edition.previousEdition": "Carried over from: {name}",

  "edition.review.kicker": "Next edition",
  "edition.review.title": "Carry over “{market}”",
  "edition.review.intro":
    "The new edition keeps the description, picture, time zone and commission, as a draft. Check its name and sessions: nothing is created until you save.",
  "edition.review.name": "Name of the new edition",
  "edition.review.slug": "Market address",
  "edition.review.slugHint": "Lower-case letters, digits and dashes: /m/{slug}",
  "edition.review.shiftTitle": "Moving the dates",
  "edition.review.weeks": "Shift in weeks",
  "edition.review.weeksHint": "{weeks} weeks suggested: the same weekdays, at the same time of year.",
  "edition.review.yearSkipped": "Next year’s dates are already past: the sessions are proposed in {year}.",
  "edition.review.recompute": "Work out the dates again",
  "edition.review.sessionsTitle": "Sessions ({n})",
  "edition.review.sessionsHint":
    "Local times ({zone}). Untick a session to leave it out; dates and times can be corrected here.",
  "edition.review.noSessions": "The original edition has no sessions: you will add them afterwards.",
  "edition.review.session": "Session {n}",
  "edition.review.was": "Last year: {date}",
  "edition.review.keep": "Keep this session",
  "edition.review.date": "Date",
  "edition.review.startTime": "Opens",
  "edition.review.endTime": "Closes",
  "edition.review.merchantsTitle": "Merchants invited again ({n})",
  "edition.review.merchantsHint":
    "Each gets an invitation by email: they keep their stall, products and photos in one tap, then set their stock.",
  "edition.review.noMerchants": "No approved stall in this edition: nobody is invited.",
  "edition.review.submit": "Create the new edition",
  "edition.review.sessionError": "Session {n}: {message}",

  "edition.mail.subject": "Invitation: bring your stall back to {market}",
  "edition.mail.text":
    "Hello,\n\n{organiser} invites you back to “{market}” ({town}) with your stall “{stall}”.\n\nIn one tap you keep your stall, products and photos; you will then set your stock.\n\nOpen this link:\n{link}\n\nThis link is personal and valid until {expires}.\n\nSee you at the market!",

  "edition.keep.title": "Your stall from last year",
  "edition.keep.intro":
    "Keep “{stall}” as it was: its products ({products}), its photos ({photos}), its place on the plan and your legal details. You will then set your stock, back to zero.",
  "edition.keep.submit": "Keep my stall",
  "edition.keep.review": "The organisers then approve your stall, as every year.",
  "edition.keep.orNew": "Or open another stall",
  "edition.keep.otherAccount":
    "Your stall from last year, “{stall}”, is on another account: log in with that account to keep it, or open a new stall below.",
  "edition.keep.notYours": "This stall from last year is not on your account.",
};
