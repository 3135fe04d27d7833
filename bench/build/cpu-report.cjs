// Preloaded into each compiler run of the build benchmark (`node --require cpu-report.cjs tsc.js …`):
// prints the process's CPU time at exit, which a busy machine disturbs far less than wall-clock time.
process.on("exit", () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`\nBENCH_CPU ${JSON.stringify({ ms: (user + system) / 1000 })}\n`);
});
