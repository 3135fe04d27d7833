// Loads a compiled module into a fresh JavaScript realm (node:vm context) and
// calls its exported `probe()` there, in a child Node:
//
//   node --experimental-vm-modules load-in-fresh-realm.mjs <entry.js> <cjs|esm>
//
// On Node 20 a fresh realm has no Symbol.asyncDispose (Node adds it to its main
// realm only, and there it cannot be deleted), so this is how the output runs
// on a runtime that lacks it. Prints { asyncDispose, result } as JSON.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import vm from "node:vm";

const [entry, kind] = process.argv.slice(2);
const context = vm.createContext({ console, AbortController, setTimeout });
const asyncDispose = vm.runInContext("typeof Symbol.asyncDispose", context);

/** A CommonJS loader inside the realm: relative requires only. */
const cjsCache = new Map();
function requireIn(file) {
  if (cjsCache.has(file)) return cjsCache.get(file).exports;
  const module = { exports: {} };
  cjsCache.set(file, module);
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, "utf8")}\n})`;
  const wrapper = vm.runInContext(source, context, { filename: file });
  const require = (specifier) => {
    if (!specifier.startsWith(".")) throw new Error(`the fresh realm has no module ${specifier}`);
    return requireIn(resolve(dirname(file), specifier));
  };
  wrapper.call(module.exports, module.exports, require, module, file, dirname(file));
  return module.exports;
}

/** An ES module loader inside the realm: relative imports only. */
const esmCache = new Map();
function moduleAt(file) {
  if (!esmCache.has(file)) esmCache.set(file, new vm.SourceTextModule(readFileSync(file, "utf8"), { context, identifier: file }));
  return esmCache.get(file);
}
async function importIn(file) {
  const module = moduleAt(file);
  await module.link((specifier, referencing) => {
    if (!specifier.startsWith(".")) throw new Error(`the fresh realm has no module ${specifier}`);
    return moduleAt(resolve(dirname(referencing.identifier), specifier));
  });
  await module.evaluate();
  return module.namespace;
}

const exports = kind === "esm" ? await importIn(resolve(entry)) : requireIn(resolve(entry));
const result = await exports.probe();
console.log(JSON.stringify({ asyncDispose, result }));
