/**
 * The typed form of the lines the plumbing starts with in a module that declares
 * or imports some of the globals it uses (`class Promise {}`, `import { WeakMap }
 * from "./polyfill"`): the text back end's TypeScript counterpart of
 * withGlobalsFromGlobalObject, which it follows line for line.
 *
 *     (() => {                            (() => {
 *         const key = …;          →           /* This module has its own globalThis, WeakMap: … *\/
 *                                             const globalThis: any = (() => {}).constructor("return this")();
 *                                             const WeakMap: WeakMapConstructor = globalThis.WeakMap;
 *                                             type WeakMap<K extends object, V> = globalThis.WeakMap<K, V>;
 *                                             const key = …;
 *
 * Each value is typed by its global constructor interface, and each global type
 * the plumbing names (`WeakMap<…>`, `Promise<…>`) is named again inside the
 * plumbing through `globalThis.`, which a value of the module's own cannot hide:
 * a module's own `WeakMap` class is a type too.
 */
export function withTypedGlobalsFromGlobalObject(source: string, shadowed: readonly string[]): string {
  if (shadowed.length === 0) return source;
  const others = shadowed.filter((name) => name !== "globalThis");
  const lines = [
    `    /* This module has its own ${shadowed.join(", ")}: the plumbing takes the global ones from the global object${others.length < shadowed.length ? ", reached through the Function constructor" : ""}. */`,
  ];
  if (others.length < shadowed.length) lines.push(`    const globalThis: any = (() => {}).constructor("return this")();`);
  if (others.length)
    lines.push(`    const ${others.map((name) => `${name}${GLOBALS[name] ? `: ${GLOBALS[name].constructor}` : ""} = globalThis.${name}`).join(", ")};`);
  for (const name of others) {
    const type = GLOBALS[name]?.type;
    if (type && namesType(source, name)) lines.push(`    ${type}`);
  }
  const opening = "(() => {\n";
  if (!source.startsWith("\n" + opening)) throw new Error("ts-async-init: the plumbing template must start with (() => {");
  return "\n" + opening + lines.join("\n") + "\n" + source.slice(1 + opening.length);
}

/** The globals the plumbing may use by name: the interface of each constructor, and the type of the same name, named through globalThis. */
const GLOBALS: Record<string, { constructor: string; type: string }> = {
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
