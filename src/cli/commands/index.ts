// Every command group of the command line. Each group lives in its own file and adds its
// subcommands to the program.

import type { Command } from 'commander';

type Register = (program: Command) => void;

const groups: Register[] = [];

export function registerCommands(program: Command): void {
  for (const register of groups) register(program);
}
