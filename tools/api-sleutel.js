// `node tools/api-sleutel.js maak <BRIN> [--omschrijving tekst] | intrekken <id> | lijst [BRIN]`:
// API keys of instellingen for every service's HTTP endpoints (schema toegang; DATABASE_URL says where).
const path = require('node:path');
require('./register');
const { apiSleutelTool } = require(path.join(__dirname, '..', 'libs', 'infra', 'src', 'http', 'api-sleutel.tool.ts'));

apiSleutelTool(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`api-sleutel: ${error.message}\n`);
    process.exit(1);
  },
);
