// The real globals, taken before any module of the shadowed-globals scenario can hide them;
// the generated modules import them from here.
export const real = { Promise, Error, TypeError, ReferenceError, AbortSignal, Symbol, WeakMap, Object, globalThis };
export const asyncDispose: SymbolConstructor["asyncDispose"] = Symbol.asyncDispose;
/** A value that throws whatever is done with it. */
export function hostile(name: string): any {
  const fail = () => { throw new Error("the module's own " + name); };
  return new Proxy(function () {}, { get: fail, apply: fail, construct: fail, has: fail });
}
