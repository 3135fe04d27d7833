// Scenario of test/exec/semantics/proxies.test.mjs: what holds for proxies and MobX.
// Each check() is one fact; the test expects `ok <name>` for each, in order.
import { check, run, settle, same, equal } from "../checks.js";
import { autorun, makeAutoObservable, observable, runInAction } from "mobx";

/** @asyncInit */
class Db {
  initCalls = 0;
  initThis: unknown[] = [];
  async init() {
    this.initCalls++;
    this.initThis.push(this);
  }
}

const forwarding = <T extends object>(x: T): T => new Proxy(x, { get: (target, key, receiver) => Reflect.get(target, key, receiver) });
const notForwarding = <T extends object>(x: T): T => new Proxy(x, { get: (target, key) => Reflect.get(target, key) });

check("awaiting a receiver-forwarding proxy of a ready instance runs init again, for the proxy", async () => {
  const db = await new Db();
  const proxy = forwarding(db);
  same(await proxy, proxy, "await proxy");
  same(db.initCalls, 2, "init calls");
  same(db.initThis[1], proxy, "this in the second init");
  same(await db, db, "await the instance");
  same(db.initCalls, 2, "init calls after awaiting the instance again");
});

check("awaiting the instance before wrapping it, and never the proxy, runs init once", async () => {
  const proxy = forwarding(await new Db());
  same(proxy.initCalls, 1, "init calls");
  same(typeof (proxy as any).then, "function", "proxy.then (the proxy has a state of its own, not awaited yet)");
});

check("a proxy that does not pass the receiver on reads the instance's own then", async () => {
  const db = await new Db();
  const proxy = notForwarding(db);
  same((proxy as any).then, undefined, "proxy.then once the instance is ready");
  same(await proxy, proxy, "await proxy");
  same(db.initCalls, 1, "init calls");
});

/** @asyncInit */
class Store {
  loaded = false;
  initCalls = 0;
  constructor() { makeAutoObservable(this); }
  async init() {
    this.initCalls++;
    await settle();
    runInAction(() => { this.loaded = true; });
  }
}

check("MobX makeAutoObservable: init runs once, a reaction sees what it changes, then is undefined once ready", async () => {
  const store = new Store();
  const seen: boolean[] = [];
  const stop = autorun(() => { seen.push(store.loaded); });
  same(await store, store, "await store");
  same(await store, store, "await store again");
  stop();
  same(store.initCalls, 1, "init calls");
  equal(seen, [false, true], "what the reaction saw");
  same((store as any).then, undefined, "then once ready");
});

check("an instance inside a MobX observable object stays itself", async () => {
  const state = observable({ db: new Db() });
  same(state.db instanceof Db, true, "instanceof");
  const db = await state.db;
  same(db, state.db, "await state.db");
  same(db.initCalls, 1, "init calls");
});

run();
