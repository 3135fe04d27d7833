// Run by webpack.test.mjs in an app folder, in place of the command lines for every build but
// the README's own command (which runs webpack-cli and @rspack/cli): builds with the app's webpack.config.js or
// rspack.config.mjs through the bundler's Node.js API, prints the errors and warnings as the
// command line does, and exits with 1 if the build has errors.
//
//   node run-webpack.mjs webpack|rspack            one build (what `npx webpack` does)
//   node run-webpack.mjs webpack|rspack --watch    watch mode: after the first build, removes the
//                                                  tag from src/flag.ts, then adds it back, and
//                                                  prints what the bundle said after each build,
//                                                  and how many builds there were
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const [tool, watch] = process.argv.slice(2);
const { default: config } = await import(tool === "rspack" ? "./rspack.config.mjs" : "./webpack.config.js");
const compiler = tool === "rspack" ? (await import("@rspack/core")).rspack(config) : (await import("webpack")).default(config);
const bundle = `${config.output.path}/${config.output.filename}`;

if (watch !== "--watch") {
  compiler.run((error, stats) => {
    if (error) throw error;
    const text = stats.toString({ preset: "errors-warnings", colors: false });
    if (text) console.log(text);
    process.exitCode = stats.hasErrors() ? 1 : 0;
    compiler.close(() => {});
  });
} else {
  const TAGGED = readFileSync("src/flag.ts", "utf8");
  // What the bundle should say after each edit, and the edit that follows.
  const steps = [
    ["ready true", () => writeFileSync("src/flag.ts", TAGGED.replace("/** @asyncInit */\n", ""))],
    ["ready false", () => writeFileSync("src/flag.ts", TAGGED)],
    ["ready true", null],
  ];
  const said = [];
  let builds = 0;
  const timer = setTimeout(() => finish("not every edit was picked up within 30 s"), 30_000);
  const watching = compiler.watch({ aggregateTimeout: 50 }, (error, stats) => {
    if (error || stats.hasErrors()) return finish(String(error ?? stats.toString("errors-only")));
    builds++;
    const now = spawnSync(process.execPath, [bundle], { encoding: "utf8" }).stdout.trim();
    // A build that did not see the edit yet: wait for the next (and count it, in builds).
    if (now !== steps[0][0]) return;
    said.push(now);
    const [, edit] = steps.shift();
    // The watcher notices a change by its time stamp: wait a little so that the edit gets a new one.
    if (edit) setTimeout(edit, 200);
    else finish();
  });
  function finish(error) {
    clearTimeout(timer);
    watching.close(() => console.log(JSON.stringify({ said, builds, error })));
  }
}
