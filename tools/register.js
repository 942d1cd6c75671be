// Lets Node run the TypeScript sources directly: ts-node with swc (decorator metadata for Nest)
// and the path aliases of tsconfig.base.json. `node -r ./tools/register.js apps/x/src/main.ts`.
const path = require('node:path');
const root = path.join(__dirname, '..');
require('ts-node').register({ project: path.join(root, 'tsconfig.json'), swc: true, transpileOnly: true });
require('tsconfig-paths').register({ baseUrl: root, paths: require(path.join(root, 'tsconfig.base.json')).compilerOptions.paths });
