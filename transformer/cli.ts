#!/usr/bin/env node
/** `ts-async-init check|build -p tsconfig.json`: the command line (package.json "bin"); see frontends/cli. */
import { main } from "./frontends/cli";

// Output piped into a command that stops reading (`… | head -1`): stop quietly, with the exit code of the run, as tsc does.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(process.exitCode ?? 0);
  });
}

process.exitCode = main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env });
