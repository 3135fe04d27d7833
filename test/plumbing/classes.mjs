// Tagged classes built by hand, whose members call the plumbing exactly as the
// generated members do (compare fixtures/*/expected: es2015-commonjs.js for the
// state in the shared map, es2022-nodenext.js for the private field), so that the
// plumbing can be tested as a module, without the transformer.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
export const { createPlumbing } = require("../../dist/plumbing/plumbing.js");
export const { createAwaitOnlyPlumbing } = require("../../dist/plumbing/awaitOnly.js");
export const { PLUMBING_JS, AWAIT_ONLY_JS } = require("../../dist/plumbing/index.js");

/** Where a class keeps the state of its instances: a private field (ES2022 and up) or the shared map. */
export const STORAGES = ["field", "map"];

/**
 * A tagged class `Db` made with the plumbing `p`, as the emitters make it from
 *
 *     /** @asyncInit *\/
 *     class Db {
 *       inits = 0; teardowns = 0;
 *       async init(...args) { this.inits++; return init.apply(this, args); }
 *       async [Symbol.asyncDispose]() { this.teardowns++; return teardown.call(this); }   // only when `teardown` is given
 *     }
 *
 * `withSignal`: init gets an AbortSignal (as for `init(signal)`). `Db.thenReads`
 * counts the reads of the generated then getter.
 * @param {any} p
 * @param {{ storage?: string, init?: (this: any, ...args: any[]) => unknown, teardown?: (this: any) => unknown, withSignal?: boolean }} [options]
 */
export function taggedClass(p, { storage = "map", init = () => {}, teardown, withSignal = false } = {}) {
  const members = {
    init(...args) {
      this.inits++;
      return init.apply(this, args);
    },
    dispose(self) {
      if (!teardown) return p.dispose(self, void 0);
      return p.dispose(self, void 0, () => {
        self.teardowns++;
        return teardown.call(self);
      });
    },
    then(self, Db) {
      Db.thenReads++;
      return withSignal ? p.then(self, "init", true) : p.then(self, "init");
    },
  };
  if (storage === "field") {
    class Db {
      static thenReads = 0;
      inits = 0;
      teardowns = 0;
      #asyncInit;
      static {
        p.slot(this, {
          has: (self) => #asyncInit in self,
          get: (self) => self.#asyncInit,
          set: (self, state) => {
            self.#asyncInit = state;
          },
        });
      }
      init(...args) {
        return members.init.apply(this, args);
      }
      [p.tagged]() {}
      [Symbol.asyncDispose]() {
        return members.dispose(this);
      }
      get then() {
        return members.then(this, Db);
      }
    }
    return Db;
  }
  class Db {
    static thenReads = 0;
    inits = 0;
    teardowns = 0;
    init(...args) {
      return members.init.apply(this, args);
    }
    [p.tagged]() {}
    [p.asyncDispose]() {
      return members.dispose(this);
    }
    get then() {
      return members.then(this, Db);
    }
  }
  return Db;
}

/**
 * A promise and the functions that settle it.
 * @returns {{ promise: Promise<any>, resolve: (value?: any) => void, reject: (reason?: any) => void }}
 */
export function deferred() {
  /** @type {any} */
  let resolve;
  /** @type {any} */
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** One macrotask turn: every promise job queued before it has run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * How a promise ended, without letting it reject unhandled.
 * @param {unknown} promise
 * @returns {Promise<{ value?: any, reason?: any }>}
 */
export function outcome(promise) {
  return Promise.resolve(promise).then(
    (value) => ({ value }),
    (reason) => ({ reason }),
  );
}
