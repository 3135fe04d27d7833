/** What the app prints (index.ts) when every `await using` is awaited on entry and disposed on exit. */
export const EXPECTED =
  "new a, init a, a.then undefined, init cache, init local, new b, init b, body true b true, dispose b, " +
  "new c1, new c2, init c1, loop c1, dispose c1, init c2, loop c2, dispose c2";
