// Runtime semantics, the subclass row: subclasses (tagged or not, in the same
// module or across modules) that override init and [Symbol.asyncDispose] and
// call super behave as plain JavaScript would: each level runs once per
// instance, in the order the same classes without the tag would run them.
//
// Every hierarchy below is written twice from one template: once with the tags
// and once without (its "twin"). The check runs the twin by hand
// (`await twin.init(); await twin[Symbol.asyncDispose]()`), then the tagged one
// the tagged way (`await x; await x[Symbol.asyncDispose]()`), and compares logs.
// Program: programs/inheritance (main.ts, and bases.ts: the bases in another module).
import { program, scenario } from "./scenario.mjs";

scenario("subclasses overriding init and teardown run each level once, in plain-JavaScript order", program("inheritance/main.ts"));
