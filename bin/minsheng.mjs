#!/usr/bin/env node
// Entry point of the `minsheng` command: TypeScript sources run through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../server/src/cli/main.ts');
