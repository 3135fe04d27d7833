"use strict";
/** @asyncInit */
class Strict {
  mode = "";
  async init() { this.mode = (function (this: unknown) { return this; })() === undefined ? "strict" : "sloppy"; }
}
(async () => {
  const x = await new Strict();
  console.log("the script runs in " + x.mode + " mode");
})();
