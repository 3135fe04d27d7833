// A small client for tsserver, the process behind VS Code's TypeScript support:
// it speaks tsserver's protocol (JSON requests on stdin, Content-Length framed
// responses and events on stdout).
import { spawn } from "node:child_process";
import { join } from "node:path";
import { TSSERVER } from "./projects.mjs";

/**
 * Starts tsserver for a project folder. Plugins named in the project's
 * tsconfig are looked up from that folder (`--pluginProbeLocations`), as an
 * editor does for a workspace whose node_modules holds the plugin.
 */
export function startServer(projectDir) {
  const child = spawn(
    process.execPath,
    [
      TSSERVER,
      "--disableAutomaticTypingAcquisition",
      "--pluginProbeLocations",
      projectDir,
      "--locale",
      "en",
      "--logVerbosity",
      "normal",
      "--logFile",
      join(projectDir, "tsserver.log"),
    ],
    { stdio: ["pipe", "pipe", "pipe"] },
  );

  let seq = 0;
  let buffer = Buffer.alloc(0);
  const pending = new Map();
  const events = [];
  const eventWaiters = [];
  let exited;
  const stderr = [];
  child.stderr.on("data", (chunk) => stderr.push(chunk));

  child.stdout.on("data", (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const headerEnd = buffer.indexOf("\r\n\r\n");
      if (headerEnd < 0) return;
      const length = Number(/** @type {RegExpExecArray} */ (/Content-Length: (\d+)/.exec(buffer.subarray(0, headerEnd).toString()))[1]);
      if (buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString());
      buffer = buffer.subarray(headerEnd + 4 + length);
      receive(message);
    }
  });

  function receive(message) {
    if (message.type === "response" && pending.has(message.request_seq)) {
      pending.get(message.request_seq)(message);
      pending.delete(message.request_seq);
    } else if (message.type === "event") {
      events.push(message);
      for (const waiter of [...eventWaiters]) waiter();
    }
  }

  child.on("exit", (code, signal) => {
    exited = `tsserver exited (${code ?? signal}): ${Buffer.concat(stderr).toString()}`;
    for (const resolve of pending.values()) resolve({ success: false, message: exited });
    for (const waiter of [...eventWaiters]) waiter();
  });

  const send = (command, args) => {
    const message = { seq: ++seq, type: "request", command, arguments: args };
    child.stdin.write(`${JSON.stringify(message)}\n`);
    return message.seq;
  };

  return {
    /** Sends a request and resolves with its response (`{ success, body, message }`). */
    request(command, args) {
      if (exited) return Promise.resolve({ success: false, message: exited });
      return new Promise((resolve) => pending.set(send(command, args), resolve));
    },
    /** Sends a request that has no response (`open`, `change`, `geterr`); returns its sequence number. */
    notify(command, args) {
      return send(command, args);
    },
    /** The events received so far. */
    events() {
      return [...events];
    },
    /** Resolves with the first event (already received or to come) for which `match` is true. */
    waitForEvent(match) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (found || exited) {
            eventWaiters.splice(eventWaiters.indexOf(check), 1);
            return found ? resolve(found) : reject(new Error(exited));
          }
        };
        eventWaiters.push(check);
        check();
      });
    },
    /** Forgets the events received so far. */
    clearEvents() {
      events.length = 0;
    },
    async stop() {
      if (exited) return;
      const done = new Promise((resolve) => child.once("exit", resolve));
      send("exit");
      await done;
    },
  };
}

/** `{ line, offset }` (1-based, as tsserver counts) of the first `marker` in `text`, plus `shift` characters. */
export function locate(text, marker, shift = 0) {
  const index = text.indexOf(marker);
  if (index < 0) throw new Error(`no ${marker} in the text`);
  const before = text.slice(0, index + shift).split("\n");
  return { line: before.length, offset: before.at(-1).length + 1 };
}

/** A diagnostic from tsserver as `line:col TScode category`. */
export const brief = (d) => `${d.start.line}:${d.start.offset} TS${d.code} ${d.category}`;
