// `npm run bench`: every benchmark in turn. Figures go to docs/benchmarks.md by hand, with the date.
import { benchChat } from "./chat";
import { benchPhotos } from "./photos";
import { benchReservations } from "./reservations";
import { benchScaleOut } from "./scale-out";
import { benchSchedulerLateness } from "./scheduler-lateness";
import { benchSocketFlood } from "./socket-flood";
import { benchStallPage } from "./stall-page";
import { benchStockFanOut } from "./stock-fanout";

console.log(await benchStallPage());
console.log();
console.log(await benchSchedulerLateness());
console.log();
console.log(await benchChat());
console.log();
console.log(await benchReservations());
console.log();
console.log(await benchStockFanOut());
console.log();
console.log(await benchSocketFlood());
console.log();
console.log(await benchPhotos());
console.log();
console.log(await benchScaleOut());
