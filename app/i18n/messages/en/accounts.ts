// English for app/i18n/messages/accounts.ts, loaded by the browser only on English pages (app/i18n/en.ts).
import type { fr } from "../accounts";

export const en: Record<keyof typeof fr, string> = {
  "accounts.field.email": "Email address",
  "accounts.field.password": "Password",
  "accounts.field.newPassword": "Password",
  "accounts.field.newPassword.hint": "At least 10 characters. A short phrase that is easy to remember works well.",
  "accounts.field.name": "Your name",
  "accounts.field.name.hint": "Merchants see it when you chat with them.",
  "accounts.field.showPassword": "Show password",
  "accounts.password.tooShort": "At least 10 characters, please",
  "accounts.password.tooLong": "200 characters at most",
  "accounts.rateLimited": "Too many attempts. For your safety, try again in {seconds} seconds.",

  "accounts.login.title": "Log in",
  "accounts.login.intro": "Welcome back to the market!",
  "accounts.login.submit": "Log in",
  "accounts.login.invalid": "Wrong email address or password.",
  "accounts.login.forgot": "Forgotten your password?",
  "accounts.login.noAccount": "No account yet?",
  "accounts.login.createAccount": "Create an account",

  "accounts.signup.title": "Create an account",
  "accounts.signup.intro": "One account lets you chat with merchants and place orders.",
  "accounts.signup.submit": "Create my account",
  "accounts.signup.haveAccount": "Already have an account?",
  "accounts.signup.sent":
    "One more step: we have just written to {email}. Open the link in that message to carry on (it works for 24 hours). Check your spam folder too.",
  "accounts.signup.email.subject": "Activate your Chalet account",
  "accounts.signup.email.body":
    "Hello {name},\n\nTo activate your Chalet account, open this link (valid for 24 hours):\n{link}\n\nIf you did not ask for this, ignore this message: no account will be created.\n\nSee you at the market,\nChalet",
  "accounts.signup.existing.subject": "You already have a Chalet account",
  "accounts.signup.existing.body":
    "Hello {name},\n\nSomeone, probably you, tried to create a Chalet account with this address, but you already have one.\n\nTo log in:\n{login}\n\nForgot your password? Choose a new one here:\n{forgot}\n\nIf it was not you, ignore this message: nothing has changed on your account.\n\nSee you at the market,\nChalet",

  "accounts.confirm.title": "Activate your account",
  "accounts.confirm.intro": "Welcome, {name}! One click to create your account {email} and log in.",
  "accounts.confirm.submit": "Activate my account",
  "accounts.confirm.invalid": "This link is not valid. Check that it is complete, or sign up again.",
  "accounts.confirm.expired": "This link has expired: it only works for 24 hours. Sign up again.",
  "accounts.confirm.used": "This link has already been used: your account exists. Log in.",
  "accounts.confirm.taken":
    "An account already exists with this address. Log in, or choose a new password if you have forgotten it.",
  "accounts.confirm.signupAgain": "Sign up again",

  "accounts.forgot.title": "Forgotten password",
  "accounts.forgot.intro": "Enter your account’s email address and we will send you a link to choose a new password.",
  "accounts.forgot.submit": "Send the link",
  "accounts.forgot.sent":
    "If an account exists with this address, an email is on its way with a link valid for one hour. Check your spam folder too.",
  "accounts.forgot.backToLogin": "Back to log in",
  "accounts.forgot.email.subject": "Choose a new Chalet password",
  "accounts.forgot.email.body":
    "Hello {name},\n\nTo choose a new password, open this link (valid for one hour):\n{link}\n\nIf you did not ask for this, ignore this message: your password stays the same.\n\nSee you at the market,\nChalet",

  "accounts.reset.title": "New password",
  "accounts.reset.intro": "Choose a new password for {email}.",
  "accounts.reset.submit": "Save and log me in",
  "accounts.reset.invalid": "This link is not valid. Check that it is complete, or ask for a new one.",
  "accounts.reset.expired": "This link has expired: it is only valid for one hour. Ask for a new one.",
  "accounts.reset.used": "This link has already been used. Ask for a new one if you need to.",
  "accounts.reset.requestNew": "Ask for a new link",

  "accounts.outbox.title": "Outbox",
  "accounts.outbox.intro": "Emails sent by the app, newest first. A development page: it does not exist in production.",
  "accounts.outbox.empty": "No emails yet.",
  "accounts.outbox.to": "To",
  "accounts.outbox.date": "On",
  "accounts.outbox.delivered": "Handed to the SMTP server",
  "accounts.outbox.kept": "Kept here (no SMTP)",
  "accounts.outbox.failed": "SMTP failure: {error}",
  "accounts.outbox.filter": "Recipient",
  "accounts.outbox.filterSubmit": "Filter",
  "accounts.outbox.showAll": "Show all",

  "accounts.account.title": "My account",
  "accounts.account.name": "Name",
  "accounts.account.email": "Email address",
  "accounts.account.password": "To change your password, ask for a link by email.",
  "accounts.account.passwordLink": "Change password",
  "accounts.account.sessions.title": "Signed-in devices",
  "accounts.account.sessions.intro":
    "A log-in lasts 30 days unless you log out. Don’t recognise a device? Log it out, then change your password.",
  "accounts.account.sessions.thisDevice": "This device",
  "accounts.account.sessions.unknownDevice": "Unrecognised device",
  "accounts.account.sessions.since": "Logged in on {date}",
  "accounts.account.sessions.end": "Log out",
  "accounts.account.sessions.endLabel": "Log out {device}, logged in on {date}",
  "accounts.account.sessions.ended": "That device is logged out.",
  "accounts.account.sessions.gone": "That log-in had already ended.",
  "accounts.account.everywhere.title": "Log out everywhere",
  "accounts.account.everywhere.intro":
    "Ends every log-in to your account, this one included, and cuts their live updates at once. You will have to log in again on each device.",
  "accounts.account.everywhere.submit": "Log out everywhere",
  "accounts.account.badIntent": "This page has no such action.",
};
