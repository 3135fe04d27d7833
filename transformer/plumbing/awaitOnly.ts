import { REGISTRY_KEY } from "./registry";

/**
 * The plumbing of a module that has no `@asyncInit` class of its own but awaits
 * instances of one (`await db`, `await using db = …`): an instance exists only
 * once the module of its class has run, and that module's plumbing has put
 * `ready` and `pending` in the shared registry. Built into text as plumbing.ts
 * is (see there for the rules its body follows).
 */
export function createAwaitOnlyPlumbing(): object {
    /* The plumbing's types (TypeScript only): what it uses of the registry (see plumbing.ts). */
    type Shared = {
        readonly ready: <T>(value: T) => T | Promise<T>;
        /** Absent from a registry made by a version of the plumbing older than pending. */
        readonly pending: ((value: unknown) => boolean) | undefined;
    };
    type Registry = { readonly [key: symbol]: Shared | undefined };
    const key = Symbol.for(REGISTRY_KEY);
    /* The member on the prototype of every @asyncInit class, of every version of the plumbing (see plumbing.ts). */
    const tagged = Symbol.for("ts-async-init.tagged");
    return {
        /* await x, where the compiler knew x is an @asyncInit instance. */
        ready<T>(value: T): T | Promise<T> {
            const shared = (globalThis as Registry)[key];
            return shared === void 0 ? value : shared.ready(value);
        },
        /*
         * await using x = e without a type checker: whether x is an @asyncInit instance still to be awaited.
         * Without this version's registry, or its pending (x's class was compiled by another
         * version of the plumbing), the tagged member tells: x is awaited, and an instance
         * that is ready already gives itself at once.
         */
        pending(value: unknown): boolean {
            const shared = (globalThis as Registry)[key];
            if (shared !== void 0 && shared.pending !== void 0) return shared.pending(value);
            if (value === null || typeof value !== "object" && typeof value !== "function") return false;
            try {
                return typeof (value as { readonly [tagged]?: unknown })[tagged] === "function";
            } catch (_error) {
                return false; // a Proxy whose get trap throws for a key it does not know
            }
        }
    };
}
