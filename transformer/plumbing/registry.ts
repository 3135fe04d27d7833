/**
 * The name of the global symbol under which the plumbing of every module finds
 * the one registry of the program. Both kinds of plumbing read it from here;
 * scripts/build-plumbing.mjs writes it into their text as a string literal.
 * Plumbing with another name does not see these states: change the name only
 * when the registry's shape changes incompatibly.
 */
export const REGISTRY_KEY = "ts-async-init.v3";
