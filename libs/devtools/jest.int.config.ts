// eslint-disable-next-line @typescript-eslint/no-require-imports
const { integration } = require('../../jest.preset');

export default integration(__dirname);
