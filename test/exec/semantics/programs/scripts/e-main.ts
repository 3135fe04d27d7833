// A tagged class of its own, and the run.
/** @asyncInit */
class Gamma {
  async init() { log.push("gamma init"); }
}
(async () => {
  await useBoth();
  const g = await new Gamma();
  log.push("gamma then " + typeof (g as any).then);
  console.log(log.join("; "));
})().catch((error) => console.log("failed: " + error));
