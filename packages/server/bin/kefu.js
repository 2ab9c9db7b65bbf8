#!/usr/bin/env node
import { runCli } from '../dist/cli/main.js';

runCli(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error) => {
    process.stderr.write(`kefu: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
