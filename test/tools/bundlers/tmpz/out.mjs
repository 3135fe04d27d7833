// ts-async-init:/@ts-async-init/plumbing
var plumbing = (() => {
  const key = /* @__PURE__ */ Symbol.for("ts-async-init.v3");
  const shared =
    globalThis[key] ||
    (globalThis[key] = { states: /* @__PURE__ */ new WeakMap(), storages: /* @__PURE__ */ new WeakMap(), ready: void 0, pending: void 0, active: [] });
  const states = shared.states;
  const storages = shared.storages;
  const active = shared.active;
  const inMap = {
    get: (self) => states.get(self),
    set: (self, state) => states.set(self, state),
  };
  const inSlot = (slot, mapped) => ({
    get: (self) => {
      const state = slot.has(self) ? slot.get(self) : void 0;
      return state !== void 0 || !mapped ? state : states.get(self);
    },
    set: (self, state) => {
      if (slot.has(self)) return slot.set(self, state);
      mapped = true;
      states.set(self, state);
    },
  });
  const findStorage = (proto) => {
    for (let p = proto; p !== null; p = Object.getPrototypeOf(p)) {
      const storage = storages.get(p);
      if (storage !== void 0) return storage;
    }
    return inMap;
  };
  const storageOf = (self) => {
    const proto = Object.getPrototypeOf(self);
    let storage = storages.get(proto);
    if (storage === void 0) {
      storage = findStorage(proto);
      if (proto !== null) storages.set(proto, storage);
    }
    return storage;
  };
  const READY = true;
  const newState = (self, initName, withSignal) => ({
    self,
    initName,
    withSignal,
    init: void 0,
    running: false,
    waitsFor: void 0,
    controller: void 0,
    disposing: false,
    disposal: void 0,
    settleDisposal: void 0,
    level: void 0,
  });
  const nameOf = (self) => self.constructor.name;
  const disposed = (self) => new ReferenceError(nameOf(self) + " cannot be awaited: its dispose was requested");
  const notTheInstance = (self) =>
    new TypeError(
      nameOf(self) +
        " cannot be awaited: then was called on another object than the one its getter ran on (a Proxy whose get trap does not pass the receiver?)",
    );
  const awaitedItself = (self) =>
    new TypeError(
      nameOf(self) +
        " was awaited from inside its own init (directly, or by code that init runs, such as a method that awaits the instance): init would wait for itself forever. Do not await the instance in code that init runs.",
    );
  const awaitedInCycle = (self, waiters) =>
    new TypeError(
      nameOf(self) +
        " was awaited from inside the init of " +
        nameOf(waiters[waiters.length - 1].self) +
        ", while " +
        nameOf(self) +
        "'s init is waiting for that one (" +
        [self]
          .concat(
            waiters.map((state) => state.self),
            [self],
          )
          .map(nameOf)
          .join(" -> ") +
        "): the inits would wait for each other forever.",
    );
  const awaitedOwnDispose = (self, where) =>
    new TypeError(
      nameOf(self) +
        " awaited its own dispose from inside its " +
        where +
        ": the dispose waits for the " +
        where +
        " to finish, so it would wait for itself forever. Request the dispose without awaiting it.",
    );
  const fail = (onRejected, error) => {
    if (typeof onRejected === "function") return onRejected(error);
    throw error;
  };
  const lengths = /* @__PURE__ */ new WeakMap();
  const declaresParameter = (init) => {
    let declares = lengths.get(init);
    if (declares === void 0) lengths.set(init, (declares = init.length > 0));
    return declares;
  };
  const start = (self, state) => {
    state.running = true;
    active.push(state);
    try {
      const init = self[state.initName];
      if (typeof init !== "function") throw new TypeError(nameOf(self) + "." + state.initName + " is not a method");
      if (!state.withSignal && !declaresParameter(init)) return Promise.resolve(init.call(self));
      const controller = (state.controller = new globalThis.AbortController());
      const result = Promise.resolve(init.call(self, controller.signal));
      const settled = () => {
        state.controller = void 0;
      };
      result.then(settled, settled);
      return result;
    } catch (error) {
      return Promise.reject(error);
    } finally {
      active.pop();
    }
  };
  const initOf = (self, state) => {
    if (state.init === void 0) {
      if (state.running) return Promise.reject(awaitedItself(self));
      state.init = state.disposing ? Promise.reject(disposed(self)) : start(self, state);
    }
    return state.init;
  };
  const becomeReady = (self, storage, state) => {
    state.running = false;
    const now = storage.get(self);
    if (now !== state) return now === READY;
    if (state.disposing) return false;
    storage.set(self, READY);
    return true;
  };
  const stateOf = (self, storage) => {
    let state = storage.get(self);
    if (state === void 0) {
      self.then;
      state = storage.get(self);
    }
    return state;
  };
  const chainTo = (from, to, seen) => {
    if (from === to) return [to];
    if (!from.running || from.waitsFor === void 0 || seen.indexOf(from) >= 0) return void 0;
    seen.push(from);
    for (let i = 0; i < from.waitsFor.length; i++) {
      const rest = chainTo(from.waitsFor[i], to, seen);
      if (rest !== void 0) return [from].concat(rest);
    }
    return void 0;
  };
  const waitFrom = (waiter, self, state) => {
    if (waiter === void 0 || !waiter.running) return void 0;
    if (waiter === state) return awaitedItself(self);
    const chain = chainTo(state, waiter, []);
    if (chain !== void 0) return awaitedInCycle(self, chain.slice(1));
    (waiter.waitsFor || (waiter.waitsFor = [])).push(state);
    return void 0;
  };
  const innermost = () => (active.length === 0 ? void 0 : active[active.length - 1]);
  const currentInit = () => {
    const context = innermost();
    return context === void 0 || context.teardownOf !== void 0 ? void 0 : context;
  };
  const awaitInstance = (self, waiter, onFulfilled, onRejected) => {
    const storage = storageOf(self);
    const state = stateOf(self, storage);
    if (state === READY) return Promise.resolve(self).then(onFulfilled, onRejected);
    if (state === void 0) return Promise.reject(notTheInstance(self)).then(onFulfilled, onRejected);
    const problem = waitFrom(waiter, self, state);
    if (problem !== void 0) return Promise.reject(problem).then(onFulfilled, onRejected);
    return initOf(self, state).then(
      () => {
        if (!becomeReady(self, storage, state)) return fail(onRejected, disposed(self));
        return typeof onFulfilled === "function" ? onFulfilled(self) : self;
      },
      (error) => {
        state.running = false;
        return fail(onRejected, error);
      },
    );
  };
  function then(onFulfilled, onRejected) {
    return awaitInstance(this, void 0, onFulfilled, onRejected);
  }
  const thenFrom = (waiter) =>
    function (onFulfilled, onRejected) {
      return awaitInstance(this, waiter, onFulfilled, onRejected);
    };
  const teardown = (self, inherited, own) => (own ? own() : inherited ? inherited.call(self) : syncDispose(self));
  const syncDispose = (self) => {
    const key2 = Symbol.dispose;
    const method = key2 === void 0 ? void 0 : self[key2];
    if (typeof method === "function") method.call(self);
  };
  const tagged = /* @__PURE__ */ Symbol.for("ts-async-init.tagged");
  const plumbing2 = {
    /*
     * Run once by each @asyncInit class compiled for ES2022 and up, from a static
     * block: its instances keep their state in a private field, which the class
     * lends through has/get/set. Every level of a hierarchy finds the storage
     * from the instance's prototype, so all of them use the same one.
     */
    slot(constructor, slot) {
      const early = storages.has(constructor.prototype);
      storages.set(constructor.prototype, inSlot(slot, early));
    },
    /* The then getter: a function until the instance is ready, then undefined. */
    then(self, initName, withSignal) {
      const storage = storageOf(self);
      const state = storage.get(self);
      if (state === READY) return void 0;
      if (state === void 0) storage.set(self, newState(self, initName, withSignal === true));
      const waiter = currentInit();
      return waiter === void 0 ? then : thenFrom(waiter);
    },
    /*
     * await x, where the compiler knew x is an @asyncInit instance: the same
     * outcome as the then protocol, in the turns a plain promise takes.
     * Any other value is returned as it is.
     */
    ready(value) {
      if (value === null || (typeof value !== "object" && typeof value !== "function")) return value;
      const storage = storageOf(value);
      const state = stateOf(value, storage);
      if (state === READY || state === void 0) return value;
      const problem = waitFrom(currentInit(), value, state);
      if (problem !== void 0) return Promise.reject(problem);
      return initOf(value, state).then(
        () => {
          if (!becomeReady(value, storage, state)) throw disposed(value);
          return value;
        },
        (error) => {
          state.running = false;
          throw error;
        },
      );
    },
    /*
     * The member every @asyncInit class has on its prototype, keyed by this:
     *     [asyncInit_1.tagged]() { }
     */
    tagged,
    /*
     * await using x = e, compiled without a type checker (or with one, where
     * x's type may hold an instance without naming its class), awaits x only when
     * this says so:
     *     const x_1 = e;
     *     await using x = asyncInit_1.pending(x_1) ? await asyncInit_1.ready(x_1) : x_1;
     * True for an instance of an @asyncInit class (of any module) that is not
     * ready: not awaited yet, being awaited, failed, or its dispose requested,
     * so that ready gives what awaiting it gives. Of any other value it reads
     * the tagged member only: never then, and it makes no promise, so the
     * value is left exactly as it was.
     */
    pending(value) {
      if (value === null || (typeof value !== "object" && typeof value !== "function")) return false;
      if (typeof value[tagged] !== "function") return false;
      return storageOf(value).get(value) !== READY;
    },
    /*
     * Each async function of an @asyncInit class notes, when called, which init
     * or teardown it runs inside (if any), and runs each of its awaits as
     *     await asyncInit_1.inside(context, () => operand)
     * so that what the operand calls runs inside it too, however late: an
     * instance awaited there is awaited from inside that init. The awaited
     * value's then is read here, still inside. Awaiting the instance's own
     * dispose from inside its init or teardown would wait forever: it rejects.
     */
    context() {
      return innermost();
    },
    inside(context, operand) {
      if (context === void 0) return operand();
      const inInit = context.teardownOf === void 0;
      if (inInit && !context.running) return operand();
      active.push(context);
      let value;
      try {
        value = operand();
        if (value !== null && (typeof value === "object" || typeof value === "function")) value = Promise.resolve(value);
      } finally {
        active.pop();
      }
      const state = inInit ? context : context.teardownOf;
      if (state.disposal !== void 0 && value === state.disposal) {
        return Promise.reject(awaitedOwnDispose(state.self, inInit ? "init" : "teardown"));
      }
      return value;
    },
    /*
     * [Symbol.asyncDispose]: waits for a pending init, then runs the teardown
     * once, only if init succeeded; every call gets the same promise.
     * "inherited" is the dispose this level overrides: a subclass's teardown
     * that calls super[Symbol.asyncDispose]() reaches here with another one.
     */
    dispose(self, inherited, own) {
      const storage = storageOf(self);
      const found = storage.get(self);
      if (found !== void 0 && found !== READY && found.disposing) {
        if (found.level !== inherited) return Promise.resolve(teardown(self, inherited, own));
        if (found.disposal === void 0)
          found.disposal = new Promise((resolve) => {
            found.settleDisposal = resolve;
          });
        return found.disposal;
      }
      const ready = found === READY;
      const state = found === void 0 || ready ? newState(self, void 0, false) : found;
      if (state !== found) storage.set(self, state);
      state.disposing = true;
      state.level = inherited;
      if (state.controller) state.controller.abort();
      const run = () => {
        state.running = false;
        active.push({ teardownOf: state });
        try {
          return teardown(self, inherited, own);
        } finally {
          active.pop();
        }
      };
      let disposal;
      if (ready) {
        try {
          disposal = Promise.resolve(run());
        } catch (error) {
          disposal = Promise.reject(error);
        }
      } else if (state.init !== void 0) {
        disposal = state.init.then(run, () => void 0);
      } else if (state.running) {
        disposal = Promise.resolve().then(() => state.init.then(run, () => void 0));
      } else {
        disposal = Promise.resolve();
      }
      if (state.settleDisposal !== void 0) state.settleDisposal(disposal);
      else state.disposal = disposal;
      return state.disposal;
    },
    /* The key of the generated teardown (Symbol.asyncDispose, read when a class is defined). */
    get asyncDispose() {
      return Symbol.asyncDispose;
    },
  };
  if (shared.ready === void 0) shared.ready = plumbing2.ready;
  if (shared.pending === void 0) shared.pending = plumbing2.pending;
  return plumbing2;
})();

// db.ts
var Db = class {
  /** ts-async-init: the state of the instance (not awaited, being awaited, ready), private to the class. */
  #asyncInit;
  static {
    plumbing.slot(this, {
      has: (self) => #asyncInit in self,
      get: (self) => self.#asyncInit,
      set: (self, state) => {
        self.#asyncInit = state;
      },
    });
  }
  ready = false;
  async init() {
    this.ready = true;
  }
  /** ts-async-init: waits for a pending init, then runs the teardown once, only if init succeeded. */
  [plumbing.asyncDispose]() {
    return plumbing.dispose(this, void 0);
  }
  /** ts-async-init: awaiting the instance runs init() once and yields the instance; undefined once ready. */
  get ["then"]() {
    return plumbing.then(this, "init");
  }
  /** ts-async-init: marks instances of @asyncInit classes for code compiled without a type checker (see pending). */
  [plumbing.tagged]() {}
};

// main.ts
var db = await new Db();
console.log("ready", db.ready);
