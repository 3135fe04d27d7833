// `await using` of an untagged disposable. bench/no-checker/bench-no-checker.mjs compiles
// this one text three times with ts.transpileModule: twice with no plugin (the baseline,
// and an identical copy that shows the noise between two identical builds) and once with
// the plugin and no checker, where the value is tested at run time:
//
//     const x_1 = new Plain(i);
//     await using x = asyncInit_1.pending(x_1) ? await asyncInit_1.ready(x_1) : x_1;
import { Plain } from "./plain.js";

function checkClosed(x: { closed: boolean }): void {
  if (!x.closed) throw new Error("instance not disposed");
}

export async function op(i: number): Promise<void> {
  let seen: Plain;
  {
    await using x = new Plain(i);
    if (x.closed) throw new Error("disposed too early");
    seen = x;
  }
  checkClosed(seen);
}
