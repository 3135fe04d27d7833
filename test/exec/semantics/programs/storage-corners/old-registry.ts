// A registry left under the previous version's key by other compiled code (without
// the storages the plumbing now needs): it must not be used, or disturb anything.
(globalThis as any)[Symbol.for("ts-async-init.v1")] = { states: new WeakMap(), ready: (value: unknown) => value };
async function main() {
  const { Db } = await import("./old-registry-lib.js");
  const db = await new Db();
  console.log("then " + typeof (db as any).then);
}
main().catch((error) => console.log("threw " + error.message));
