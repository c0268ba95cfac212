// node check.mjs BASE_URL: the live document at BASE_URL/v3/api-docs must be valid OpenAPI
// (swagger-parser), have no linter errors (spectral:oas), and yield a typed client (openapi-typescript
// + openapi-fetch) that type-checks and runs the whole loop against the service.
import SwaggerParser from "@apidevtools/swagger-parser";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";

const base = process.argv[2];
if (!base) {
    console.error("usage: node check.mjs BASE_URL");
    process.exit(2);
}
const run = (command, args) => execFileSync(command, args, { stdio: "inherit" });
const bin = (name) => new URL(`./node_modules/.bin/${name}`, import.meta.url).pathname;

mkdirSync("generated", { recursive: true });
const response = await fetch(`${base}/v3/api-docs`);
if (!response.ok) throw new Error(`GET /v3/api-docs answered ${response.status}`);
const document = await response.json();
writeFileSync("generated/api-docs.json", JSON.stringify(document, null, 2));

try {
    const api = await SwaggerParser.validate(structuredClone(document));
    console.log(`swagger-parser: valid OpenAPI ${api.openapi}, ${Object.keys(api.paths).length} paths`);
} catch (e) {
    console.error(`swagger-parser: INVALID: ${e.message}`);
    process.exit(1);
}
run(bin("spectral"), ["lint", "generated/api-docs.json", "--ruleset", ".spectral.yaml", "--fail-severity", "error"]);
console.log("spectral (spectral:oas): no errors");
// Request fields with a default stay optional: the service fills them in.
run(bin("openapi-typescript"), ["generated/api-docs.json", "--output", "generated/schema.d.ts", "--default-non-nullable=false"]);
run(bin("tsc"), ["--project", "tsconfig.json"]);
run("node", ["build/loop.js", base]);
