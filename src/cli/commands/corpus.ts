// Command group: corpus.

import type { Command } from 'commander';

export function registerCorpusCommands(_program: Command): void {}
