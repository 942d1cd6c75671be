// `npm start`: the whole system with a demo aanlevering (libs/devtools/src/demo.ts).
require('./register');
require('../libs/devtools/src/demo').demo(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`demo: ${error.message}\n`);
    process.exit(1);
  },
);
