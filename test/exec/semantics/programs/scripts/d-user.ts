// No class of its own: awaits the other scripts' instances with await using.
async function useBoth() {
  await using a = new Alpha("a");
  await using b = new Beta("b");
  log.push("body " + a.initCalls + " " + b.initCalls);
}
