// Validates a CityJSON file against the CityJSON JSON schema with ajv (npm), printing
// "valid" or the first errors as JSON. Usage: node cityjson_validate.js AJV_DIR SCHEMA FILE
const path = require('path');
const fs = require('fs');
const Ajv = require(path.resolve(process.argv[2]));
const schema = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const doc = JSON.parse(fs.readFileSync(process.argv[4], 'utf8'));
// the schema uses "format" and keywords of its own: checked where ajv knows them
const ajv = new Ajv({strict: false, allErrors: false, validateFormats: false});
const validate = ajv.compile(schema);
if (validate(doc)) {
  console.log('valid');
} else {
  console.log(JSON.stringify(validate.errors.slice(0, 5)));
  process.exit(1);
}
