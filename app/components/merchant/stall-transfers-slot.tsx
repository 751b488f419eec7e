// The per-order transfers of the merchant's "Paiements" tab
// (app/routes/merchant.stalls.$stallId.payments.tsx): what was transferred to the merchant for each
// order, what was reversed for a refused line or a dispute. The tab's loader loads `transfers` with
// listMerchantTransfers (app/models/merchant-payouts.server.ts); the list is MerchantTransfers.
import { MerchantTransfers } from "~/components/merchant-transfers";
import type { MerchantTransferRow } from "~/models/merchant-payouts.server";

export type StallTransfersSlotProps = {
  stallId: string;
  /** listMerchantTransfers' answer for this stall, and the limit it applied. */
  transfers: { rows: MerchantTransferRow[]; truncated: boolean; limit: number };
};

export function StallTransfersSlot({ transfers }: StallTransfersSlotProps) {
  return <MerchantTransfers rows={transfers.rows} truncated={transfers.truncated} limit={transfers.limit} />;
}
