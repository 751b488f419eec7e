// THE PLACE for the per-order transfers of the merchant's "Paiements" tab
// (app/routes/merchant.stalls.$stallId.payments.tsx): what was transferred to the merchant for each
// order, what was reversed for a refused line or a dispute. The money-ui work (s20/money-ui)
// replaces this component's body with its own list, and the tab's loader passes its data through
// `transfers` (load it in the loader where the comment "transfers slot" says). Until then it shows
// nothing.
export type StallTransfersSlotProps = {
  stallId: string;
  /** The transfers list's data, as the money-ui model returns it; unknown until it lands. */
  transfers?: unknown;
};

export function StallTransfersSlot(_props: StallTransfersSlotProps) {
  return null;
}
