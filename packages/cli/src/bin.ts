#!/usr/bin/env node
// The `hooks` executable: runs the command line with the process's own streams.
import { run } from './cli.js';

process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
});
