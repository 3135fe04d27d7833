/**
 * The plumbing as the back ends insert it (see plumbing.ts for what it is, and
 * scripts/build-plumbing.mjs for how its text is made).
 */
import { AWAIT_ONLY_JS, PLUMBING_JS } from "./generated";

export { AWAIT_ONLY_JS, AWAIT_ONLY_TS, PLUMBING_JS, PLUMBING_TS } from "./generated";

/** The plumbing of a module with `@asyncInit` classes, as JavaScript: the AST back end parses it and rebuilds it with the factory (see `synthesize.ts`). */
export const PLUMBING_SOURCE = PLUMBING_JS;

/** The plumbing of a module that only awaits instances, as JavaScript. */
export const AWAIT_ONLY_SOURCE = AWAIT_ONLY_JS;

/**
 * The full plumbing as a module of its own, exporting it as `plumbing`: what modules
 * rewritten with `plumbing: { import }` import (the bundler plugins serve it once per bundle).
 */
export const PLUMBING_MODULE_JS = `/** ts-async-init: makes @asyncInit classes awaitable and async-disposable (generated). */\nexport const plumbing = ${PLUMBING_JS.trim()};\n`;

/**
 * The globals the plumbing (both kinds) uses by name. A module that declares or
 * imports one of these names at its top level hides the global from the plumbing,
 * which then takes it from the global object instead (see `shadowedGlobals`).
 * (AbortController is reached through globalThis: a user's lib may not declare it.)
 */
export const PLUMBING_GLOBALS = ["globalThis", "Symbol", "Object", "WeakMap", "Promise", "TypeError", "ReferenceError"] as const;

/**
 * The plumbing's text for a module that declares or imports some of the globals
 * it uses (`class Promise {}`, `import Promise from "bluebird"`): it takes them
 * from the global object before anything else.
 *
 *     (() => {                            (() => {
 *         const key = …;          →           /* This module has its own Promise: … *\/
 *                                             const Promise = globalThis.Promise;
 *                                             const key = …;
 *
 * A module that has its own `globalThis` reaches the global object through the
 * Function constructor (`(() => {}).constructor`, named by no global).
 */
export function withGlobalsFromGlobalObject(source: string, shadowed: readonly string[], { typed = false } = {}): string {
  if (shadowed.length === 0) return source;
  const others = shadowed.filter((name) => name !== "globalThis");
  const lines = [
    `    /* This module has its own ${shadowed.join(", ")}: the plumbing takes the global ones from the global object${others.length < shadowed.length ? ", reached through the Function constructor" : ""}. */`,
  ];
  if (others.length < shadowed.length) lines.push(`    const globalThis${typed ? ": any" : ""} = (() => {}).constructor("return this")();`);
  const annotation = (name: string) => (typed && TYPED_GLOBALS[name] ? `: ${TYPED_GLOBALS[name].constructor}` : "");
  if (others.length) lines.push(`    const ${others.map((name) => `${name}${annotation(name)} = globalThis.${name}`).join(", ")};`);
  if (typed) {
    for (const name of others) {
      const type = TYPED_GLOBALS[name]?.type;
      if (type && namesType(source, name)) lines.push(`    ${type}`);
    }
  }
  const opening = "(() => {\n";
  if (!source.startsWith("\n" + opening)) throw new Error("ts-async-init: the plumbing template must start with (() => {");
  return "\n" + opening + lines.join("\n") + "\n" + source.slice(1 + opening.length);
}

/*
 * In the typed text (`typed: true`, the text back end's TypeScript), each value is typed
 * by its global constructor interface, and each global type the plumbing names
 * (`WeakMap<…>`, `Promise<…>`) is named again through `globalThis.`, which a value of the
 * module's own cannot hide (a module's own `WeakMap` class is a type too):
 *
 *     const globalThis: any = (() => {}).constructor("return this")();
 *     const WeakMap: WeakMapConstructor = globalThis.WeakMap;
 *     type WeakMap<K extends object, V> = globalThis.WeakMap<K, V>;
 */
const TYPED_GLOBALS: Record<string, { constructor: string; type: string }> = {
  Symbol: { constructor: "SymbolConstructor", type: "type Symbol = globalThis.Symbol;" },
  Object: { constructor: "ObjectConstructor", type: "type Object = globalThis.Object;" },
  WeakMap: { constructor: "WeakMapConstructor", type: "type WeakMap<K extends object, V> = globalThis.WeakMap<K, V>;" },
  Promise: { constructor: "PromiseConstructor", type: "type Promise<T> = globalThis.Promise<T>;" },
  TypeError: { constructor: "TypeErrorConstructor", type: "type TypeError = globalThis.TypeError;" },
  ReferenceError: { constructor: "ReferenceErrorConstructor", type: "type ReferenceError = globalThis.ReferenceError;" },
};

/** Whether the plumbing's text names a global as a type (`: WeakMap<…>`, `| Promise<T>`), not only as a value (`new WeakMap()`, `Promise.resolve`). */
function namesType(source: string, name: string): boolean {
  return new RegExp(String.raw`(?:[:<|&,]|=>|\bas)\s*${name}\b(?!\s*[.(])`).test(source);
}
