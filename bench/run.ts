// `npm run bench`: every benchmark in turn. Figures go to docs/benchmarks.md by hand, with the date.
import { benchStallPage } from "./stall-page";

console.log(await benchStallPage());
