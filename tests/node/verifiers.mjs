// Runs token verification with the real jose and jsonwebtoken, for the Python tests of
// codemod/backends (tests/test_backends_oracles.py). One process for a whole batch.
//
// stdin: {
//   "jwks": {...}, "pem": "<public key>", "env": {"WORKOS_CLIENT_ID": ...},
//   "tokens": {"<name>": "<jwt>"},
//   "grid": [{"id": ..., "library": "jose" | "jsonwebtoken", "options": {...}}],
//   "modules": [{"id": ..., "file": "<path to .ts/.js>", "export": "verify", "withKey": true}]
// }
// stdout: {"grid": {"<id>": {"<token name>": "ok" | "<error>"}}, "modules": {...}}
//
// A module is bundled with esbuild (its imports of jose / jsonwebtoken resolve from here) and
// imported; its export is called as export(token, key) when withKey, else export(token). fetch
// is replaced: a URL on a /sso/jwks/ path answers the test's JWKS, anything else fails, so a
// createRemoteJWKSet on WorkOS's JWKS URL gets the test key and nothing leaves the machine.
import { readFileSync } from "node:fs";
import { createPublicKey } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import * as jose from "jose";
import jsonwebtoken from "jsonwebtoken";

const here = path.dirname(fileURLToPath(import.meta.url));
const input = JSON.parse(readFileSync(0, "utf8"));
const key = createPublicKey(input.pem);

globalThis.fetch = async (url) => {
  const href = String(url instanceof URL ? url.href : url?.url ?? url);
  if (href.includes("/sso/jwks/")) {
    return new Response(JSON.stringify(input.jwks), { status: 200, headers: { "content-type": "application/json" } });
  }
  throw new Error(`network access in a test: ${href}`);
};
Object.assign(process.env, input.env ?? {});

function outcome(error) {
  if (!error) return "ok";
  return `${error.code ?? error.name ?? "Error"}: ${error.message}`;
}

async function run(check) {
  const results = {};
  for (const [name, token] of Object.entries(input.tokens)) {
    try {
      await check(token);
      results[name] = "ok";
    } catch (error) {
      results[name] = outcome(error);
    }
  }
  return results;
}

async function load(file) {
  const result = await esbuild.build({
    entryPoints: [path.resolve(file)],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    nodePaths: [path.join(here, "node_modules")],
    // jsonwebtoken is CommonJS: its require() of Node's modules needs a require in an ES module.
    banner: { js: `import { createRequire as __cr } from "node:module"; const require = __cr(${JSON.stringify(here + "/")});` },
    write: false,
    logLevel: "silent",
  });
  const url = "data:text/javascript;base64," + Buffer.from(result.outputFiles[0].text).toString("base64");
  return import(url);
}

const output = { grid: {}, modules: {} };
for (const item of input.grid ?? []) {
  const options = { algorithms: ["RS256"], ...item.options };
  output.grid[item.id] = await run(async (token) => {
    if (item.library === "jose") return jose.jwtVerify(token, key, options);
    return jsonwebtoken.verify(token, key, options);
  });
}
for (const item of input.modules ?? []) {
  try {
    const module = await load(item.file);
    const verify = module[item.export ?? "verify"];
    output.modules[item.id] = await run((token) => (item.withKey === false ? verify(token) : verify(token, key)));
  } catch (error) {
    output.modules[item.id] = { error: outcome(error) };
  }
}
process.stdout.write(JSON.stringify(output) + "\n");
