// Runs the Khronos glTF-Validator (npm gltf-validator) on a GLB and prints its report's
// counts and messages as JSON. Usage: node gltf_validate.js VALIDATOR_DIR FILE.glb
const validator = require(require('path').resolve(process.argv[2]));
const fs = require('fs');
validator.validateBytes(new Uint8Array(fs.readFileSync(process.argv[3])), {maxIssues: 0})
  .then((report) => {
    const i = report.issues;
    console.log(JSON.stringify({
      errors: i.numErrors, warnings: i.numWarnings, infos: i.numInfos, hints: i.numHints,
      messages: i.messages.map((m) => ({code: m.code, severity: m.severity, pointer: m.pointer,
                                       message: m.message}))}));
  })
  .catch((e) => { console.error(String(e)); process.exit(2); });
