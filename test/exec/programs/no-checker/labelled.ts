// A labelled `for (await using …; …; …)` whose head is tested when it runs: the label
// stays on the loop, so `continue outer` stays legal. (TypeScript's own lowering of
// `await using` below ESNext moves such a label off the loop, so this runs at ESNext.)
import { Resource, log } from "./resources.js";

outer: for (await using r = new Resource("labelled"); ; ) {
  log.push(`body ${r.name}`);
  if (log.length < 3) continue outer;
  break;
}
console.log(JSON.stringify(log));
