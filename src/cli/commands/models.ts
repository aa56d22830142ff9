// Command group: models.

import type { Command } from 'commander';

export function registerModelsCommands(_program: Command): void {}
