// validate.js: validates SARIF files against the SARIF 2.1.0 JSON schema (test oracle only)
const path = require('path');
const base = path.join(process.argv[2], 'node_modules', '@microsoft', 'jest-sarif');
const ajvMain = require.resolve('ajv', {paths: [base]});
const Ajv = require(ajvMain);
const schema = require(path.join(base, 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'));
const ajv = new Ajv({allErrors: true, schemaId: 'auto'});
ajv.addMetaSchema(require(path.join(path.dirname(ajvMain), '..', 'lib', 'refs', 'json-schema-draft-04.json')));
const validate = ajv.compile(schema);
let failed = 0;
for (const file of process.argv.slice(3)) {
  const data = JSON.parse(require('fs').readFileSync(file, 'utf8'));
  if (validate(data)) continue;
  failed++;
  console.log(`FAIL sarif: ${file}: ${ajv.errorsText(validate.errors)}`);
}
console.log(`sarif: ${process.argv.length - 3 - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
