// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unit } = require('../../jest.preset');

export default unit(__dirname);
