// vitest runs this file through vite.config.ts's plugins (test/tools/bundlers/vite.test.mjs).
import { expect, test } from "vitest";
import { EXPECTED } from "./expected";
import { main } from "./main";

test("every await using is awaited on entry, across modules, and disposed in order", async () => {
  expect(await main()).toBe(EXPECTED);
});
