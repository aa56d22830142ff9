// Command group: export.

import type { Command } from 'commander';

export function registerExportCommands(_program: Command): void {}
