#!/usr/bin/env node
/** `ts-async-init check|build -p tsconfig.json`: the command line (package.json "bin"); see frontends/cli. */
import { main } from "./frontends/cli";

process.exitCode = main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env });
