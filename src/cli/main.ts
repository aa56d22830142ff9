// The `aderencia` command line. Each area registers its commands from src/cli/commands; they call
// the same main-process services the desktop app uses.

import { Command, CommanderError } from 'commander';

import { AppError } from '../shared/errors';
import { localeFromEnvironment, translator } from '../shared/i18n';
import { registerCommands } from './commands';
import { EXIT_BAD_INPUT, EXIT_USAGE } from './context';

export function buildProgram(): Command {
  const program = new Command('aderencia')
    .description('Aderência: theses × strategic themes (BAIXA / MÉDIA / ALTA)')
    .option('--db <path>', 'SQLite database file (default: the app user-data folder, or $ADERENCIA_DB)')
    .option('--json', 'print one JSON object on stdout')
    .option('--lang <locale>', 'message language: pt or en (default from LANG)')
    .showHelpAfterError()
    .exitOverride();
  registerCommands(program);
  return program;
}

/** Runs the command line and returns its exit code: 0 ok, 1 bad input, 2 usage error. */
export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      return EXIT_USAGE;
    }
    const opts = program.opts<{ lang?: string; json?: boolean }>();
    const t = translator(localeFromEnvironment(opts.lang ? { LANG: opts.lang } : process.env));
    if (error instanceof AppError) {
      const message = t(`error.${error.code}`, { ...error.params, defaultValue: error.message });
      if (opts.json) process.stdout.write(`${JSON.stringify({ ok: false, error: { code: error.code, message, ...error.params } })}\n`);
      process.stderr.write(`${message}\n`);
      return error.code === 'usage' ? EXIT_USAGE : EXIT_BAD_INPUT;
    }
    process.stderr.write(`${t('error.internal', { message: (error as Error).message })}\n`);
    process.stderr.write(`${(error as Error).stack ?? ''}\n`);
    return EXIT_BAD_INPUT;
  }
}

const isEntry = process.argv[1] && /aderencia(\.js)?$|cli[\\/]main\.ts$/.test(process.argv[1]);
if (isEntry) {
  // `aderencia --json pairs | head` closes the pipe early; that is a normal way to stop reading.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exitCode = EXIT_BAD_INPUT;
    },
  );
}
