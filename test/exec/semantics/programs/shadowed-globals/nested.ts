// Classes in functions that hide Symbol and undefined around them: only the generated members could trip.
import { hostile } from "./real.js";
const undefined: any = hostile("undefined");
export function make() {
  const Symbol: any = hostile("Symbol");
  /** @asyncInit */
  class Inner {
    initCalls = 0;
    init() { this.initCalls++; }
  }
  return new Inner();
}
