// The English dictionary. Written by the split script (/work/notes/split-en.mjs): do not edit by hand,
// edit app/i18n/messages/en/<ns>.ts. The server reads it through ./en.server (both languages,
// synchronously); the browser loads it as its own chunk, with import(), only on English pages.
import type { MessageKey } from "./index";
import { en as accountsEn } from "./messages/en/accounts";
import { en as alertsEn } from "./messages/en/alerts";
import { en as bilanEn } from "./messages/en/bilan";
import { en as chatEn } from "./messages/en/chat";
import { en as collectEn } from "./messages/en/collect";
import { en as commonEn } from "./messages/en/common";
import { en as consoleEn } from "./messages/en/console";
import { en as disputesEn } from "./messages/en/disputes";
import { en as editionEn } from "./messages/en/edition";
import { en as legalEn } from "./messages/en/legal";
import { en as liveEn } from "./messages/en/live";
import { en as merchantEn } from "./messages/en/merchant";
import { en as merchantSetupEn } from "./messages/en/merchant-setup";
import { en as moneyEn } from "./messages/en/money";
import { en as numbersEn } from "./messages/en/numbers";
import { en as ordersEn } from "./messages/en/orders";
import { en as organiserEn } from "./messages/en/organiser";
import { en as paymentsEn } from "./messages/en/payments";
import { en as pickupEn } from "./messages/en/pickup";
import { en as planEn } from "./messages/en/plan";
import { en as posterEn } from "./messages/en/poster";
import { en as productImportEn } from "./messages/en/product-import";
import { en as reportCsvEn } from "./messages/en/report-csv";
import { en as residentEn } from "./messages/en/resident";
import { en as rightsEn } from "./messages/en/rights";
import { en as setupEn } from "./messages/en/setup";
import { en as shopEn } from "./messages/en/shop";
import { en as teamEn } from "./messages/en/team";
import { en as threadEn } from "./messages/en/thread";

export const en: Record<MessageKey, string> = {
  ...accountsEn,
  ...alertsEn,
  ...bilanEn,
  ...chatEn,
  ...collectEn,
  ...commonEn,
  ...consoleEn,
  ...disputesEn,
  ...editionEn,
  ...legalEn,
  ...liveEn,
  ...merchantEn,
  ...merchantSetupEn,
  ...moneyEn,
  ...numbersEn,
  ...ordersEn,
  ...organiserEn,
  ...paymentsEn,
  ...pickupEn,
  ...planEn,
  ...posterEn,
  ...productImportEn,
  ...reportCsvEn,
  ...residentEn,
  ...rightsEn,
  ...setupEn,
  ...shopEn,
  ...teamEn,
  ...threadEn,
};
