// Runs one fixture's check against its compiled module, in a child Node:
//
//   node run-fixture.mjs <compiled input.js> <fixtures/<case>/check.mjs> <esm|cjs>
//
// The check gets the module's exports and asserts what running it does
// (node:assert throws, so a failed check exits non-zero). Prints "ok" at the end.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const [modulePath, checkPath, kind] = process.argv.slice(2);
const mod = kind === "esm" ? await import(pathToFileURL(modulePath).href) : createRequire(import.meta.url)(modulePath);
const { default: check } = await import(pathToFileURL(checkPath).href);
await check(mod);
console.log("ok");
