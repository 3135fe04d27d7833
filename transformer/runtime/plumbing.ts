/**
 * The plumbing every module with an `@asyncInit` class gets, as JavaScript text.
 *
 * It is emitted once per module, at the top, as
 *
 *     const asyncInit_1 = (() => { ... })();
 *
 * and the generated class members call into it. It is written in the subset of
 * JavaScript that every target from ES2015 up emits unchanged (no `async`, no
 * `?.`, no `??`, no class fields), so TypeScript never needs a helper for it.
 *
 * The text is parsed once and rebuilt node by node with the factory (see
 * `synthesize.ts`), so the emitted code is exactly this, comments included.
 */
export const PLUMBING_SOURCE = String.raw`
(() => {
    /*
     * One registry for the whole program, found through a global symbol, so that
     * classes in different modules that extend each other see the same state,
     * and a module that only awaits instances needs no plumbing of its own.
     * The state of an instance:
     *   undefined  not awaited yet
     *   object     being awaited or failed, or its dispose was requested
     *   true       ready: init succeeded, the instance is a plain object again
     * It lives in a private field of the instance when its class, or a tagged
     * ancestor, has one (compiled for ES2022 and up: see slot), else in a
     * WeakMap. Map entries are never deleted, only replaced: V8 slows
     * WeakMap.delete down a thousandfold once the collector has cleared many
     * entries of the same map.
     */
    const key = Symbol.for("ts-async-init.v2");
    const shared = globalThis[key] || (globalThis[key] = { states: new WeakMap(), storages: new WeakMap(), ready: undefined });
    const states = shared.states;
    const storages = shared.storages; // prototype -> where the state of its instances lives
    const inMap = {
        get: (self) => states.get(self),
        set: (self, state) => states.set(self, state)
    };
    /*
     * An object without the field uses the map: one made without the class's
     * constructor (Object.create, the prototype itself), or one whose base
     * constructor is still running. A state put in the map then is still found
     * once the field exists, until the field gets a state of its own. Until the
     * class has put anything in the map ("mapped"), reads skip it.
     */
    const inSlot = (slot, mapped) => ({
        get: (self) => {
            const state = slot.has(self) ? slot.get(self) : undefined;
            return state !== undefined || !mapped ? state : states.get(self);
        },
        set: (self, state) => {
            if (slot.has(self)) return slot.set(self, state);
            mapped = true;
            states.set(self, state);
        }
    });
    /* The storage registered on the nearest prototype, so every level of a class hierarchy uses the same one. */
    const findStorage = (proto) => {
        for (let p = proto; p !== null; p = Object.getPrototypeOf(p)) {
            const storage = storages.get(p);
            if (storage !== undefined) return storage;
        }
        return inMap;
    };
    const storageOf = (self) => {
        const proto = Object.getPrototypeOf(self);
        let storage = storages.get(proto);
        if (storage === undefined) {
            storage = findStorage(proto);
            if (proto !== null) storages.set(proto, storage);
        }
        return storage;
    };
    const READY = true;
    const newState = (initName, withSignal) => ({ initName, withSignal, init: undefined, controller: undefined, disposing: false, disposal: undefined, level: undefined });
    const disposed = (self) => new ReferenceError(self.constructor.name + " cannot be awaited: its dispose was requested");
    const notTheInstance = (self) => new TypeError(self.constructor.name + " cannot be awaited: then was called on another object than the one its getter ran on (a Proxy whose get trap does not pass the receiver?)");
    const fail = (onRejected, error) => {
        if (typeof onRejected === "function") return onRejected(error);
        throw error;
    };
    /* Whether an init method declares a parameter; reading a function's length is slow, so it is read once per method. */
    const lengths = new WeakMap();
    const declaresParameter = (init) => {
        let declares = lengths.get(init);
        if (declares === undefined) lengths.set(init, declares = init.length > 0);
        return declares;
    };
    /* Runs init once; passes an AbortSignal when init declares a parameter (withSignal: one with a default value or a rest parameter). */
    const start = (self, state) => {
        try {
            const init = self[state.initName];
            if (typeof init !== "function") throw new TypeError(self.constructor.name + "." + state.initName + " is not a method");
            if (!state.withSignal && !declaresParameter(init)) return Promise.resolve(init.call(self));
            const controller = state.controller = new AbortController();
            const running = Promise.resolve(init.call(self, controller.signal));
            const settled = () => { state.controller = undefined; };
            running.then(settled, settled);
            return running;
        } catch (error) {
            return Promise.reject(error);
        }
    };
    /* Init's promise, started on the first await; never started once dispose was requested. */
    const initOf = (self, state) => {
        if (state.init === undefined) state.init = state.disposing ? Promise.reject(disposed(self)) : start(self, state);
        return state.init;
    };
    /* Once init succeeded: the instance stops being thenable, unless dispose was requested meanwhile. */
    const becomeReady = (self, storage, state) => {
        const now = storage.get(self);
        if (now !== state) return now === READY; // another waiter came first, or dispose made a new state
        if (state.disposing) return false;
        storage.set(self, READY);
        return true;
    };
    /* The state of an instance being awaited; the then getter of its own class made it. */
    const stateOf = (self, storage) => {
        let state = storage.get(self);
        if (state === undefined) {
            self.then; // the then getter of the instance's own class records which init method to run
            state = storage.get(self);
        }
        return state;
    };
    /* The then of an instance that still has to be awaited: every waiter gets the instance, or init's error. */
    function then(onFulfilled, onRejected) {
        const self = this;
        const storage = storageOf(self);
        const state = stateOf(self, storage);
        if (state === READY) return Promise.resolve(self).then(onFulfilled, onRejected);
        // Resolving with self would call this then again, forever.
        if (state === undefined) return Promise.reject(notTheInstance(self)).then(onFulfilled, onRejected);
        return initOf(self, state).then(() => {
            if (!becomeReady(self, storage, state)) return fail(onRejected, disposed(self));
            return typeof onFulfilled === "function" ? onFulfilled(self) : self;
        }, (error) => fail(onRejected, error));
    }
    /* Runs the teardown this level declares, or else the one it inherits. */
    const teardown = (self, inherited, own) => own ? own() : inherited ? inherited.call(self) : undefined;
    const plumbing = {
        /*
         * Run once by each @asyncInit class compiled for ES2022 and up, from a static
         * block: its instances keep their state in a private field, which the class
         * lends through has/get/set. Every level of a hierarchy finds the storage
         * from the instance's prototype, so all of them use the same one.
         */
        slot(constructor, slot) {
            // Looked up before this ran (a decorator that awaited an instance): states may be in the map already.
            const early = storages.has(constructor.prototype);
            storages.set(constructor.prototype, inSlot(slot, early));
        },
        /* The then getter: a function until the instance is ready, then undefined. */
        then(self, initName, withSignal) {
            const storage = storageOf(self);
            const state = storage.get(self);
            if (state === READY) return undefined;
            if (state === undefined) storage.set(self, newState(initName, withSignal === true));
            return then;
        },
        /*
         * await x, where the compiler knew x is an @asyncInit instance: the same
         * outcome as the then protocol, in the turns a plain promise takes.
         * Any other value is returned as it is.
         */
        ready(value) {
            if (value === null || typeof value !== "object" && typeof value !== "function") return value;
            const storage = storageOf(value);
            const state = stateOf(value, storage);
            if (state === READY || state === undefined) return value;
            return initOf(value, state).then(() => {
                if (!becomeReady(value, storage, state)) throw disposed(value);
                return value;
            });
        },
        /*
         * [Symbol.asyncDispose]: waits for a pending init, then runs the teardown
         * once, only if init succeeded; every call gets the same promise.
         * "inherited" is the dispose this level overrides: a subclass's teardown
         * that calls super[Symbol.asyncDispose]() reaches here with another one.
         */
        dispose(self, inherited, own) {
            const storage = storageOf(self);
            let state = storage.get(self);
            if (state !== undefined && state !== READY && state.disposing) {
                if (state.level !== inherited) return Promise.resolve(teardown(self, inherited, own));
                return state.disposal;
            }
            const ready = state === READY;
            if (state === undefined || ready) storage.set(self, state = newState(undefined, false));
            state.disposing = true;
            state.level = inherited;
            if (state.controller) state.controller.abort();
            const run = () => teardown(self, inherited, own);
            if (ready) {
                try {
                    state.disposal = Promise.resolve(run());
                } catch (error) {
                    state.disposal = Promise.reject(error);
                }
            } else {
                state.disposal = state.init === undefined ? Promise.resolve() : state.init.then(run, () => undefined);
            }
            return state.disposal;
        }
    };
    if (shared.ready === undefined) shared.ready = plumbing.ready;
    return plumbing;
})()
`;

/**
 * The plumbing of a module that has no `@asyncInit` class of its own but awaits
 * instances of one (`await db`, `await using db = …`): an instance exists only
 * once the module of its class has run, and that module's plumbing has put
 * `ready` in the shared registry.
 */
export const AWAIT_ONLY_SOURCE = String.raw`
(() => {
    const key = Symbol.for("ts-async-init.v2");
    return {
        /* await x, where the compiler knew x is an @asyncInit instance. */
        ready(value) {
            const shared = globalThis[key];
            return shared === undefined ? value : shared.ready(value);
        }
    };
})()
`;
