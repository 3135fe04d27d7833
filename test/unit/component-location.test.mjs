// Where TS46011 points in a Vue component whose <script lang="ts"> block Vite's dev server
// never hands to the plugin: the line and column of the tag, counted as TypeScript and the
// plugin's other diagnostics count them, whatever ends the component's lines (`\n`, `\r\n`,
// a lone `\r`, U+2028). In-process, from dist; the Vite project is test/tools/bundlers.
import { createRequire } from "node:module";
import test from "ava";

const require = createRequire(import.meta.url);
const { unseenComponentScript } = require("../../dist/frontends/bundlers/components.js");

for (const [name, lineBreak] of [
  ["\\n", "\n"],
  ["\\r\\n", "\r\n"],
  ["a lone \\r", "\r"],
  ["U+2028", "\u2028"],
]) {
  test(`TS46011 is at the tag's line and column when lines end with ${name}`, (t) => {
    const component = [
      "<template>",
      "  <div/>",
      "</template>",
      '<script setup lang="ts">',
      "  /** @asyncInit */ class Db { async init() {} }",
      "</script>",
      "",
    ].join(lineBreak);
    const found = unseenComponentScript(component, "/app/src/App.vue", "vite serve", () => true);
    t.like(found, { code: 46011, category: "error", file: "/app/src/App.vue", line: 5, column: 7 });
  });
}
