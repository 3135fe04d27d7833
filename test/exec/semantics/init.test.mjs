// Runtime semantics, rows about init: it starts on the first await (never in the
// constructor), runs once however many wait, hands every waiter the instance
// itself, memoises a failure without stray rejections, and stops being
// thenable once ready.
// Program: programs/init/main.ts.
import { program, scenario } from "./scenario.mjs";

scenario("init starts on the first await, runs once, yields the instance; a failure is shared, memoised, never unhandled", program("init/main.ts"));
