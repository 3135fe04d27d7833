// Preloaded into each bundler run of the bundlers benchmark (`node --require cpu-report.cjs …`):
// prints, at exit, the CPU time of this process and of its child processes. esbuild does its
// work in a child process (its Go service), which process.cpuUsage() does not see: Linux's
// /proc gives the time of the children already reaped (cutime, cstime of this process) and
// of those still running or not yet reaped (their own utime, stime), in clock ticks.
const { readdirSync, readFileSync } = require("node:fs");

const TICK_MS = 10; // USER_HZ is 100 on Linux
/** The fields of /proc/<pid>/stat after the command name (which may hold spaces). */
const stat = (pid) => {
  const text = readFileSync(`/proc/${pid}/stat`, "utf8");
  return text.slice(text.lastIndexOf(")") + 2).split(" ");
};
// After the name: [0] state, [1] ppid, …, [11] utime, [12] stime, [13] cutime, [14] cstime.
function childrenMs() {
  try {
    const own = stat("self");
    let ticks = Number(own[13]) + Number(own[14]);
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const fields = stat(entry);
        if (Number(fields[1]) === process.pid) ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        // The process ended meanwhile.
      }
    }
    return ticks * TICK_MS;
  } catch {
    return null; // no /proc: only this process's own time is known
  }
}

process.on("exit", () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`\nBENCH_CPU ${JSON.stringify({ ms: (user + system) / 1000, userMs: user / 1000, childrenMs: childrenMs() })}\n`);
});
