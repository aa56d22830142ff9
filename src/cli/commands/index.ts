// Every command group of the command line. Each group lives in its own file and adds its
// subcommands to the program.

import type { Command } from 'commander';

import type { Translate } from '../../shared/i18n';

import { registerCorpusCommands } from './corpus';
import { registerExportCommands } from './export';
import { registerModelCommands } from './model';
import { registerModelsCommands } from './models';
import { registerServeCommands } from './serve';

/** Adds every command; `t` gives the help texts in the locale chosen before parsing. */
export function registerCommands(program: Command, t: Translate): void {
  registerCorpusCommands(program, t);
  registerExportCommands(program, t);
  registerModelCommands(program, t);
  registerModelsCommands(program, t);
  registerServeCommands(program, t);
}
