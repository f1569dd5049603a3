#!/usr/bin/env node
// Entry point of `npx fjord`: runs the TypeScript sources through tsx, so no build step is needed.
require('tsx/cjs');
require('../src/main.ts');
