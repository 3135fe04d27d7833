import { REGISTRY_KEY } from "./registry";

/**
 * The plumbing every module with an `@asyncInit` class gets. The body of
 * createPlumbing is what users' modules carry, at the top, as
 *
 *     const asyncInit_1 = (() => { ... })();
 *
 * and the generated class members call into it. scripts/build-plumbing.mjs copies
 * the body into that IIFE twice: as TypeScript, for the text back end to insert
 * into users' .ts files, and with the types stripped, as JavaScript for the AST
 * back end (see generated.ts). Comments inside the body, except those on types,
 * appear in users' output.
 *
 * So the body must stay:
 * - self-contained: it names no global but those in PLUMBING_GLOBALS, and
 *   nothing of this module but REGISTRY_KEY (written in as a string);
 * - typed with its own types only, declared inside it: a user's `lib` may lack
 *   DOM (AbortController is reached through globalThis) and Symbol.asyncDispose;
 * - erasable TypeScript (type aliases, annotations, `as`, `!`), which Node's type
 *   stripping can run: no enums, namespaces or parameter properties;
 * - in the subset of JavaScript that every target from ES2015 up emits unchanged
 *   (no `async`, no `?.`, no `??`, no class fields, `void 0` for undefined), so
 *   TypeScript never needs a helper for it.
 *
 * The plumbing object's type is made of the body's own types, which no
 * declaration outside the body can name: it is declared `object` here.
 */
export function createPlumbing(): object {
    /*
     * The plumbing's types (TypeScript only). A user's lib may lack DOM and
     * Symbol.asyncDispose: what the plumbing needs of them is declared here.
     */
    type Reaction = ((value: unknown) => unknown) | null | undefined;
    type Then = (this: object, onFulfilled?: Reaction, onRejected?: Reaction) => Promise<unknown>;
    /** A teardown a class inherits: `super[Symbol.asyncDispose]`. */
    type Teardown = (this: object) => unknown;
    type Controller = { readonly signal: unknown; abort(): void };
    type Globals = { readonly AbortController: new () => Controller };
    type SymbolWithDispose = SymbolConstructor & { readonly asyncDispose: symbol; readonly dispose: symbol | undefined };
    type State = {
        self: object;
        initName: string | undefined;
        withSignal: boolean;
        init: Promise<unknown> | undefined;
        running: boolean;
        waitsFor: State[] | undefined;
        controller: Controller | undefined;
        disposing: boolean;
        disposal: Promise<unknown> | undefined;
        settleDisposal: ((disposal: Promise<unknown>) => void) | undefined;
        level: Teardown | undefined;
        teardownOf?: undefined;
    };
    /** What runs synchronously: an init (its state), or a teardown. */
    type Context = State | { readonly teardownOf: State };
    type Storage = { get(self: object): State | typeof READY | undefined; set(self: object, state: State | typeof READY): void };
    /** The private field a class lends (see slot). */
    type Slot = Storage & { has(self: object): boolean };
    type Shared = {
        readonly states: WeakMap<object, State | typeof READY>;
        readonly storages: WeakMap<object, Storage>;
        ready: (<T>(value: T) => T | Promise<T>) | undefined;
        pending: ((value: unknown) => boolean) | undefined;
        readonly active: Context[];
    };
    type Registry = { [key: symbol]: Shared | undefined };
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
    const key = Symbol.for(REGISTRY_KEY);
    const shared: Shared = (globalThis as Registry)[key] || ((globalThis as Registry)[key] = { states: new WeakMap(), storages: new WeakMap(), ready: void 0, pending: void 0, active: [] });
    const states = shared.states;
    const storages = shared.storages; // prototype -> where the state of its instances lives
    /*
     * What runs synchronously right now, innermost last: the state of an init
     * while its init method is called, or a teardown marker ({ teardownOf: state })
     * while a teardown is called; and again while the operand of each later await
     * of a function they called is evaluated (see inside). An instance awaited
     * meanwhile is awaited from inside that init.
     */
    const active = shared.active;
    const inMap: Storage = {
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
    const inSlot = (slot: Slot, mapped: boolean): Storage => ({
        get: (self) => {
            const state = slot.has(self) ? slot.get(self) : void 0;
            return state !== void 0 || !mapped ? state : states.get(self);
        },
        set: (self, state) => {
            if (slot.has(self)) return slot.set(self, state);
            mapped = true;
            states.set(self, state);
        }
    });
    /* The storage registered on the nearest prototype, so every level of a class hierarchy uses the same one. */
    const findStorage = (proto: object | null) => {
        for (let p = proto; p !== null; p = Object.getPrototypeOf(p)) {
            const storage = storages.get(p);
            if (storage !== void 0) return storage;
        }
        return inMap;
    };
    const storageOf = (self: object) => {
        const proto: object | null = Object.getPrototypeOf(self);
        let storage = storages.get(proto as object);
        if (storage === void 0) {
            storage = findStorage(proto);
            if (proto !== null) storages.set(proto, storage);
        }
        return storage;
    };
    const READY = true;
    /*
     * running: init was called and no waiter has seen it settle yet.
     * waitsFor: the states whose init this init awaits (see waitFrom).
     */
    const newState = (self: object, initName: string | undefined, withSignal: boolean): State => ({ self, initName, withSignal, init: void 0, running: false, waitsFor: void 0, controller: void 0, disposing: false, disposal: void 0, settleDisposal: void 0, level: void 0 });
    /* The class's name at run time; an anonymous class (`new (class {})()`) has none. */
    const nameOf = (self: object) => self.constructor.name || "An instance of an anonymous class";
    const disposed = (self: object) => new ReferenceError(nameOf(self) + " cannot be awaited: its dispose was requested");
    const notTheInstance = (self: object) => new TypeError(nameOf(self) + " cannot be awaited: then was called on another object than the one its getter ran on (a Proxy whose get trap does not pass the receiver?)");
    const awaitedItself = (self: object) => new TypeError(nameOf(self) + " was awaited from inside its own init (directly, or by code that init runs, such as a method that awaits the instance, or an async method that returns it after an await): init would wait for itself forever. Do not await the instance, or return it from an async method, in code that init runs.");
    const awaitedInCycle = (self: object, waiters: State[]) => new TypeError(nameOf(self) + " was awaited from inside the init of " + nameOf(waiters[waiters.length - 1]!.self) + ", while " + nameOf(self) + "'s init is waiting for that one (" + [self].concat(waiters.map((state) => state.self), [self]).map(nameOf).join(" -> ") + "): the inits would wait for each other forever.");
    const awaitedOwnDispose = (self: object, where: string) => new TypeError(nameOf(self) + " awaited its own dispose from inside its " + where + ": the dispose waits for the " + where + " to finish, so it would wait for itself forever. Request the dispose without awaiting it.");
    const fail = (onRejected: Reaction, error: unknown) => {
        if (typeof onRejected === "function") return onRejected(error);
        throw error;
    };
    /* Whether an init method declares a parameter; reading a function's length is slow, so it is read once per method. */
    const lengths = new WeakMap<Function, boolean>();
    const declaresParameter = (init: Function) => {
        let declares = lengths.get(init);
        if (declares === void 0) lengths.set(init, declares = init.length > 0);
        return declares;
    };
    /* Runs init once, as the innermost active init; passes an AbortSignal when init declares a parameter (withSignal: one with a default value or a rest parameter). */
    const start = (self: object, state: State): Promise<unknown> => {
        state.running = true;
        active.push(state);
        try {
            const init = (self as Record<string, unknown>)[state.initName!];
            if (typeof init !== "function") throw new TypeError(nameOf(self) + "." + state.initName + " is not a method");
            if (!state.withSignal && !declaresParameter(init)) return Promise.resolve(init.call(self));
            const controller = state.controller = new (globalThis as unknown as Globals).AbortController();
            const result = Promise.resolve(init.call(self, controller.signal));
            const settled = () => { state.controller = void 0; };
            result.then(settled, settled);
            return result;
        } catch (error) {
            return Promise.reject(error);
        } finally {
            active.pop();
        }
    };
    /* Init's promise, started on the first await; never started once dispose was requested, nor twice. */
    const initOf = (self: object, state: State) => {
        if (state.init === void 0) {
            // Asked for again before init's synchronous part has returned: by code that init runs.
            if (state.running) return Promise.reject(awaitedItself(self));
            state.init = state.disposing ? Promise.reject(disposed(self)) : start(self, state);
        }
        return state.init;
    };
    /* Once init succeeded: the instance stops being thenable, unless dispose was requested meanwhile. */
    const becomeReady = (self: object, storage: Storage, state: State) => {
        state.running = false;
        const now = storage.get(self);
        if (now !== state) return now === READY; // another waiter came first, or dispose made a new state
        if (state.disposing) return false;
        storage.set(self, READY);
        return true;
    };
    /* The state of an instance being awaited; the then getter of its own class made it. */
    const stateOf = (self: object, storage: Storage) => {
        let state = storage.get(self);
        if (state === void 0) {
            (self as { readonly then?: unknown }).then; // the then getter of the instance's own class records which init method to run
            state = storage.get(self);
        }
        return state;
    };
    /* The path from one init to another along what each awaits, or undefined. */
    const chainTo = (from: State, to: State, seen: State[]): State[] | undefined => {
        if (from === to) return [to];
        if (!from.running || from.waitsFor === void 0 || seen.indexOf(from) >= 0) return void 0;
        seen.push(from);
        for (let i = 0; i < from.waitsFor.length; i++) {
            const rest = chainTo(from.waitsFor[i]!, to, seen);
            if (rest !== void 0) return [from].concat(rest);
        }
        return void 0;
    };
    /*
     * waiter, the init running when the instance was awaited (if any), is about to
     * wait for the instance's init: returns why it cannot (it is that init, or that
     * init waits for it already), or records that it waits.
     */
    const waitFrom = (waiter: State | undefined, self: object, state: State) => {
        if (waiter === void 0 || !waiter.running) return void 0;
        if (waiter === state) return awaitedItself(self);
        const chain = chainTo(state, waiter, []);
        if (chain !== void 0) return awaitedInCycle(self, chain.slice(1));
        (waiter.waitsFor || (waiter.waitsFor = [])).push(state);
        return void 0;
    };
    const innermost = () => active.length === 0 ? void 0 : active[active.length - 1];
    /* An init's context, not a teardown's (a test of its own: it narrows without strictNullChecks too). */
    const isInit = (context: Context): context is State => context.teardownOf === void 0;
    /* The init whose code runs now, if any (not a teardown's). */
    const currentInit = () => {
        const context = innermost();
        return context === void 0 || !isInit(context) ? void 0 : context;
    };
    /* Awaiting an instance that still has to be awaited: every waiter gets the instance, or init's error. */
    const awaitInstance = (self: object, waiter: State | undefined, onFulfilled: Reaction, onRejected: Reaction) => {
        const storage = storageOf(self);
        const state = stateOf(self, storage);
        if (state === READY) return Promise.resolve(self).then(onFulfilled, onRejected);
        // Resolving with self would call this then again, forever.
        if (state === void 0) return Promise.reject(notTheInstance(self)).then(onFulfilled, onRejected);
        const problem = waitFrom(waiter, self, state);
        if (problem !== void 0) return Promise.reject(problem).then(onFulfilled, onRejected);
        return initOf(self, state).then(() => {
            if (!becomeReady(self, storage, state)) return fail(onRejected, disposed(self));
            return typeof onFulfilled === "function" ? onFulfilled(self) : self;
        }, (error) => {
            state.running = false;
            return fail(onRejected, error);
        });
    };
    /* The then of an instance, got outside any init. */
    function then(this: object, onFulfilled?: Reaction, onRejected?: Reaction) {
        return awaitInstance(this, void 0, onFulfilled, onRejected);
    }
    /* The then of an instance, got inside an init: it remembers which. */
    const thenFrom = (waiter: State): Then => function (onFulfilled, onRejected) {
        return awaitInstance(this, waiter, onFulfilled, onRejected);
    };
    /*
     * Runs the teardown this level declares, or else the one it inherits, or else the
     * instance's [Symbol.dispose] (its own or inherited), which `await using` falls back
     * to for an object without [Symbol.asyncDispose]: called, its result not awaited.
     */
    const teardown = (self: object, inherited: Teardown | undefined, own: (() => unknown) | undefined) => own ? own() : inherited ? inherited.call(self) : syncDispose(self);
    const syncDispose = (self: object): void => {
        const key = (Symbol as SymbolWithDispose).dispose;
        const method: unknown = key === void 0 ? void 0 : (self as { [key: symbol]: unknown })[key];
        if (typeof method === "function") method.call(self);
    };
    /* Whether an object is the prototype of its own constructor (Db.prototype), not an instance. */
    const isPrototype = (self: object): boolean => {
        const own = Object.getOwnPropertyDescriptor(self, "constructor");
        return own !== void 0 && typeof own.value === "function" && own.value.prototype === self;
    };
    /* The key of the member on the prototype of every @asyncInit class (see pending); global, so the same in every module. */
    const tagged = Symbol.for("ts-async-init.tagged");
    /*
     * Whether a value is an instance of an @asyncInit class: it has the tagged member.
     * A Proxy whose get trap throws for a key it does not know is none.
     */
    const isTagged = (value: unknown): boolean => {
        if (value === null || typeof value !== "object" && typeof value !== "function") return false;
        try {
            return typeof (value as { readonly [tagged]?: unknown })[tagged] === "function";
        } catch (_error) {
            return false;
        }
    };
    const plumbing = {
        /*
         * Run once by each @asyncInit class compiled for ES2022 and up, from a static
         * block: its instances keep their state in a private field, which the class
         * lends through has/get/set. Every level of a hierarchy finds the storage
         * from the instance's prototype, so all of them use the same one.
         */
        slot(constructor: { readonly prototype: object }, slot: Slot): void {
            // Looked up before this ran (a decorator that awaited an instance): states may be in the map already.
            const early = storages.has(constructor.prototype);
            storages.set(constructor.prototype, inSlot(slot, early));
        },
        /* The then getter: a function until the instance is ready, then undefined. */
        then(self: object, initName: string, withSignal?: boolean): Then | undefined {
            const storage = storageOf(self);
            const state = storage.get(self);
            if (state === READY) return void 0;
            if (state === void 0) {
                // The class's prototype itself, read by code that walks it (a decorator that wraps each method): no instance, no then.
                if (isPrototype(self)) return void 0;
                storage.set(self, newState(self, initName, withSignal === true));
            }
            const waiter = currentInit();
            return waiter === void 0 ? then : thenFrom(waiter);
        },
        /*
         * await x, where the compiler knew x is an @asyncInit instance: the same
         * outcome as the then protocol, in the turns a plain promise takes.
         * Any other value is returned as it is.
         */
        ready<T>(value: T): T | Promise<T> {
            if (value === null || typeof value !== "object" && typeof value !== "function") return value;
            const storage = storageOf(value);
            const state = stateOf(value, storage);
            if (state === READY || state === void 0) return value;
            const problem = waitFrom(currentInit(), value, state);
            if (problem !== void 0) return Promise.reject(problem);
            return initOf(value, state).then(() => {
                if (!becomeReady(value as object, storage, state)) throw disposed(value as object);
                return value;
            }, (error) => {
                state.running = false;
                throw error;
            });
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
        pending(value: unknown): boolean {
            if (!isTagged(value)) return false;
            return storageOf(value as object).get(value as object) !== READY;
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
        context(): Context | undefined {
            return innermost();
        },
        inside<T>(context: Context | undefined, operand: () => T): T | Promise<Awaited<T>> {
            if (context === void 0) return operand();
            const inInit = isInit(context);
            if (inInit && !context.running) return operand(); // that init has settled
            active.push(context);
            let value: T | Promise<Awaited<T>>;
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
        dispose(self: object, inherited: Teardown | undefined, own?: () => unknown): Promise<void> {
            const storage = storageOf(self);
            const found = storage.get(self);
            if (found !== void 0 && found !== READY && found.disposing) {
                if (found.level !== inherited) return Promise.resolve(teardown(self, inherited, own)) as Promise<void>;
                // Called again before the first call has returned (from an abort listener, or the teardown's synchronous part).
                if (found.disposal === void 0) found.disposal = new Promise((resolve) => { found.settleDisposal = resolve; });
                return found.disposal as Promise<void>;
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
            let disposal: Promise<unknown>;
            if (ready) {
                try {
                    disposal = Promise.resolve(run());
                } catch (error) {
                    disposal = Promise.reject(error);
                }
            } else if (state.init !== void 0) {
                disposal = state.init.then(run, () => void 0);
            } else if (state.running) {
                // Requested from init's synchronous part: init's promise exists once that part has returned.
                disposal = Promise.resolve().then(() => state.init!.then(run, () => void 0));
            } else {
                disposal = Promise.resolve();
            }
            if (state.settleDisposal !== void 0) state.settleDisposal(disposal);
            else state.disposal = disposal;
            return state.disposal as Promise<void>;
        },
        /* The key of the generated teardown (Symbol.asyncDispose, read when a class is defined). */
        get asyncDispose() {
            return (Symbol as SymbolWithDispose).asyncDispose;
        }
    };
    if (shared.ready === void 0) shared.ready = plumbing.ready;
    if (shared.pending === void 0) shared.pending = plumbing.pending;
    return plumbing;
}
