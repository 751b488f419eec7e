// The basket as the page shows it, with stock kept live once the live-stock hook is available.
import type { BasketView } from "~/models/basket.server";

export function useLiveBasketStock<B extends Pick<BasketView, "markets">>(basket: B): B {
  return basket;
}
