// Runtime semantics, rows about dispose and the AbortSignal: dispose waits for a
// pending init and runs the teardown once, only after a successful init; every
// call returns the same promise; a disposed instance is never handed to a waiter
// and never starts init; an init that declares a parameter gets a signal that
// dispose aborts.
// Program: programs/dispose/main.ts.
import { program, scenario } from "./scenario.mjs";

scenario("dispose waits for init, tears down once, shares one promise; the signal aborts", program("dispose/main.ts"));
