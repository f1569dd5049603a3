// Runs every project's tests in one Jest process pool. Each project keeps its own jest.config.js.
const { readdirSync, existsSync } = require('node:fs');
const { join } = require('node:path');

const groups = ['libs', 'services', 'tools'];
const projects = groups.flatMap((group) =>
  existsSync(join(__dirname, group))
    ? readdirSync(join(__dirname, group))
        .map((name) => join(group, name))
        .filter((dir) => existsSync(join(__dirname, dir, 'jest.config.js')))
    : [],
);
for (const dir of ['cli', 'e2e', 'bench']) if (existsSync(join(__dirname, dir, 'jest.config.js'))) projects.push(dir);

module.exports = {
  projects: projects.map((dir) => `<rootDir>/${dir}`),
  reporters: ['default', '<rootDir>/tools/jest/totals-reporter.js'],
};
