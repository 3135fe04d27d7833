// What holds for proxies and MobX (the README's "Proxies, Vue and MobX"):
// - A Proxy is another object, and the plumbing cannot see through one. A Proxy
//   whose get trap passes the receiver on (Vue's reactive(), MobX's observable
//   objects) runs the generated then getter with the proxy as `this`: awaiting the
//   proxy runs init again, for the proxy, with the proxy as `this`, even when the
//   instance is ready. The instance's own state is untouched by that.
// - A Proxy whose get trap does not pass the receiver on reads the instance's own
//   then: once the instance is ready, awaiting the proxy yields the proxy, no init.
// - MobX's makeObservable / makeAutoObservable change the instance in place (no
//   Proxy): init runs once, reactions see what init changes, then is undefined once
//   ready. An instance inside a MobX observable object stays itself.
// Compiled and run for every cell of MATRIX, with the repository's MobX.
// Program: programs/proxies/main.ts.
import { program, scenario } from "./scenario.mjs";

scenario("proxies and MobX: what holds", program("proxies/main.ts"), { modules: ["mobx"] });
