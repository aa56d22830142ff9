// Every command group of the command line. Each group lives in its own file and adds its
// subcommands to the program.

import type { Command } from 'commander';

import { registerCorpusCommands } from './corpus';
import { registerExportCommands } from './export';
import { registerModelCommands } from './model';
import { registerModelsCommands } from './models';
import { registerServeCommands } from './serve';

export function registerCommands(program: Command): void {
  registerCorpusCommands(program);
  registerExportCommands(program);
  registerModelCommands(program);
  registerModelsCommands(program);
  registerServeCommands(program);
}
