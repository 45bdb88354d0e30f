// npm run docs: the API reference (Markdown, docs/api/) from the api-extractor models the build writes to temp/.
// Broken {@link} references already fail the build (ae-unresolved-link is an error in api-extractor.json); this
// renders the models. Each entry point's model is renamed (auth0-testing = "auth0/testing", auth0-legacy = "auth0/legacy")
// so the reference has one package page per entry point.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const models = { "auth0.api.json": "auth0", "auth0-testing.api.json": "auth0-testing", "auth0-legacy.api.json": "auth0-legacy", "auth0-mtls.api.json": "auth0-mtls", "auth0-plugins-axios.api.json": "auth0-plugins-axios", "auth0-plugins-otel.api.json": "auth0-plugins-otel", "auth0-plugins-redis.api.json": "auth0-plugins-redis", "auth0-plugins-bulk.api.json": "auth0-plugins-bulk", "auth0-plugins-bulk-node.api.json": "auth0-plugins-bulk-node" };
const input = join(root, "temp/docs-models");
rmSync(input, { recursive: true, force: true });
mkdirSync(input, { recursive: true });
let found = 0;
for (const [file, name] of Object.entries(models)) {
  const path = join(root, "temp", file);
  if (!existsSync(path)) continue;
  const text = readFileSync(path, "utf8").replaceAll('"canonicalReference": "auth0!', `"canonicalReference": "${name}!`);
  const model = JSON.parse(text);
  model.name = name;
  writeFileSync(join(input, file), JSON.stringify(model));
  found += 1;
}
if (found === 0) {
  console.error("No API models in temp/: run `npm run build` first.");
  process.exit(1);
}
rmSync(join(root, "docs/api"), { recursive: true, force: true });
execFileSync(process.execPath, [join(root, "node_modules/@microsoft/api-documenter/bin/api-documenter"), "markdown", "-i", input, "-o", join(root, "docs/api")], { stdio: "inherit" });
