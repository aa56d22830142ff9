#!/usr/bin/env node
// Runs the TypeScript command line straight from src/ through tsx, so `npx aderencia` works in a
// fresh clone without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
