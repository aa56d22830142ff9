// The `aderencia` command line. Each area registers its commands from src/cli/commands; they call
// the same main-process services the desktop app uses.

import { Command, CommanderError } from 'commander';

// The CLI's help messages must be in the catalogue before the first translator is created.
import './messages';

import { AppError } from '../shared/errors';
import { translator, type Locale } from '../shared/i18n';
import { registerCommands } from './commands';
import { EXIT_BAD_INPUT, EXIT_USAGE } from './context';
import { localeFromArgv, localizeCommander, translateCommanderError } from './locale';

/** Builds the program with its help texts in `locale`, which must be known before parsing. */
export function buildProgram(locale: Locale): Command {
  const t = translator(locale);
  const program = localizeCommander(new Command('aderencia'), t)
    .description(t('cli.program'))
    .option('--db <path>', t('cli.opt.db'))
    .option('--json', t('cli.opt.json'))
    .option('--lang <locale>', t('cli.opt.lang'))
    .showHelpAfterError()
    .exitOverride();
  registerCommands(program, t);
  return program;
}

/** Runs the command line and returns its exit code: 0 ok, 1 bad input, 2 usage error. */
export async function run(argv: string[]): Promise<number> {
  const locale = localeFromArgv(argv);
  const program = buildProgram(locale);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      // `aderencia help CMD` ends with commander.help and exit code 0; help shown for a missing command is a usage error.
      if (error.code === 'commander.help') return error.exitCode === 0 ? 0 : EXIT_USAGE;
      // --json promises one JSON object on stdout, so a usage error gets one too. The usage text stays on stderr.
      if (argv.includes('--json')) {
        const message = translateCommanderError(translator(locale), error.message);
        process.stdout.write(`${JSON.stringify({ ok: false, error: { code: 'usage', message } })}\n`);
      }
      return EXIT_USAGE;
    }
    const opts = program.opts<{ json?: boolean }>();
    const t = translator(locale);
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
