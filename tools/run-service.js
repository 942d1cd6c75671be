// `node tools/run-service.js <service>`: starts one service from its sources.
const path = require('node:path');
const service = process.argv[2];
const services = ['aanlevering', 'bekostiging', 'foto', 'notificatie'];
if (!services.includes(service)) {
  process.stderr.write(`usage: node tools/run-service.js <${services.join('|')}>\n`);
  process.exit(2);
}
require('./register');
require(path.join(__dirname, '..', 'apps', service, 'src', 'main.ts'));
