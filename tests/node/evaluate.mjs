// Evaluates Convex auth config files the way Convex does, for the Python tests.
//
// Usage: node evaluate.mjs PATH...        or   echo '["a.ts", "b.ts"]' | node evaluate.mjs
// Prints one JSON object: { "<path as given>": {"ok": true, "config": <default export>}
//                                            | {"ok": false, "error": "<message>"} }
//
// The Convex CLI does not run auth.config.ts: it bundles it with esbuild into one ES module
// (convex/src/bundler/index.ts bundleAuthConfig: platform "browser", format "esm", target
// "esnext", conditions ["convex", "module"], no splitting) and the backend runs that module,
// takes the `default` export and JSON.stringify's it. Reading an environment variable that is
// not set throws there. We do the same with the esbuild version convex 1.48.0 depends on.
// Packages a config imports resolve from tests/node/node_modules (as a fallback).
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = path.dirname(fileURLToPath(import.meta.url));

function readPaths() {
  const args = process.argv.slice(2);
  if (args.length > 0) return args;
  const text = readFileSync(0, "utf8").trim();
  if (text === "") return [];
  const paths = JSON.parse(text);
  if (!Array.isArray(paths) || !paths.every((p) => typeof p === "string")) {
    throw new Error("stdin must be a JSON list of paths");
  }
  return paths;
}

async function bundle(file) {
  const result = await esbuild.build({
    entryPoints: [path.resolve(file)],
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "esnext",
    jsx: "automatic",
    conditions: ["convex", "module"],
    nodePaths: [path.join(here, "node_modules")],
    splitting: false,
    write: false,
    outdir: "out",
    logLevel: "silent",
  });
  const js = result.outputFiles.find((f) => f.path.endsWith(".js"));
  return js.text;
}

// Convex's backend throws this (code AuthConfigMissingEnvironmentVariable) when the config
// reads a variable the deployment does not set; `process.env.X ?? "fallback"` throws too.
function strictEnv(env) {
  return new Proxy(env, {
    get(target, name, receiver) {
      if (typeof name === "string" && !Object.hasOwn(target, name)) {
        throw new Error(
          `Environment variable ${name} is used in auth config file but its value was not set`,
        );
      }
      return Reflect.get(target, name, receiver);
    },
  });
}

let counter = 0;

async function evaluate(file) {
  const code = await bundle(file);
  // A unique comment keeps Node's module cache from handing back an earlier evaluation.
  const source = `${code}\n//# evaluation ${counter++}\n`;
  const url = "data:text/javascript;base64," + Buffer.from(source).toString("base64");
  // Swap the global `process` the config sees, not the object Node's own loader reads
  // (it reads variables such as WATCH_REPORT_DEPENDENCIES while importing).
  const saved = Object.getOwnPropertyDescriptor(globalThis, "process");
  const realProcess = process;
  const env = strictEnv({ ...realProcess.env });
  const configProcess = new Proxy(realProcess, {
    get: (target, name) => (name === "env" ? env : Reflect.get(target, name, target)),
  });
  Object.defineProperty(globalThis, "process", {
    value: configProcess,
    configurable: true,
    writable: true,
  });
  try {
    const module = await import(url);
    if (!("default" in module)) throw new Error("auth config has no default export");
    const json = JSON.stringify(module.default);
    if (json === undefined) throw new Error("default export does not serialise to JSON");
    return JSON.parse(json);
  } finally {
    Object.defineProperty(globalThis, "process", saved);
  }
}

function message(error) {
  if (error && Array.isArray(error.errors) && error.errors.length > 0) {
    // esbuild BuildFailure: keep the first error with its location.
    const first = error.errors[0];
    const at = first.location
      ? `${first.location.file}:${first.location.line}:${first.location.column}: `
      : "";
    return `esbuild: ${at}${first.text}`;
  }
  return error instanceof Error ? error.message : String(error);
}

const results = {};
for (const file of readPaths()) {
  try {
    results[file] = { ok: true, config: await evaluate(file) };
  } catch (error) {
    results[file] = { ok: false, error: message(error) };
  }
}
process.stdout.write(JSON.stringify(results) + "\n");
