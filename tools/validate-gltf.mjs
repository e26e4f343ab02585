// Validate a .glb with the Khronos glTF validator; print the report summary
// and exit 1 if it has any error.
import { readFileSync } from "node:fs";
import validator from "gltf-validator";

const path = process.argv[2];
if (!path) {
  console.error("usage: node validate-gltf.mjs FILE.glb");
  process.exit(2);
}
const report = await validator.validateBytes(new Uint8Array(readFileSync(path)), {
  maxIssues: 100,
});
const { numErrors, numWarnings, numInfos, messages } = report.issues;
for (const m of messages) {
  const level = ["error", "warning", "info", "hint"][m.severity] ?? m.severity;
  console.log(`${level}: ${m.code} ${m.pointer ?? ""} ${m.message}`);
}
console.log(`${path}: ${numErrors} errors, ${numWarnings} warnings, ${numInfos} infos`);
process.exit(numErrors > 0 ? 1 : 0);
