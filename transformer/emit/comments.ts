/**
 * The comments both back ends put on what they generate, one text each, so that the
 * two outputs read alike (and the text back end knows its own output by the plumbing's,
 * ./text/marker.ts). Imports nothing. Each is written as a JSDoc block:
 *
 *     /** ts-async-init: waits for a pending init, then runs the teardown once, only if init succeeded. *\/
 *     [Symbol.asyncDispose]() { … }
 */
export const GENERATED = {
  dispose: "ts-async-init: waits for a pending init, then runs the teardown once, only if init succeeded.",
  then: (initName: string) => `ts-async-init: awaiting the instance runs ${initName}() once and yields the instance; undefined once ready.`,
  marker: "ts-async-init: marks instances of @asyncInit classes for code compiled without a type checker (see pending).",
  slot: "ts-async-init: the state of the instance (not awaited, being awaited, ready), private to the class.",
  plumbing: {
    classes: "ts-async-init: makes this module's @asyncInit classes awaitable and async-disposable (generated).",
    await: "ts-async-init: awaits instances of @asyncInit classes from other modules (generated).",
  },
} as const;

/** The line comment before the context an async function of a tagged class keeps (`// …`). */
export const CONTEXT_COMMENT = " ts-async-init: the init or teardown this call is part of, if any";

/** A comment as text: `/** text *\/`. */
export const jsDoc = (text: string): string => `/** ${text} */`;

/** A comment as TypeScript's synthetic multi-line comment takes it, within its `/*` and `*\/`: `* text `. */
export const jsDocTrivia = (text: string): string => `* ${text} `;
