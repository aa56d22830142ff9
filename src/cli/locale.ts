// Locale of the command line: picked from argv before the program is built, so help texts can come
// from the message catalogue, and applied to commander's own headings and usage errors through its
// configureHelp and configureOutput hooks. Also formats numbers and dates of text output.

import { Help, type Argument, type Command, type Option } from 'commander';

import { localeFromEnvironment, parseLocale, type Locale, type Translate } from '../shared/i18n';

/**
 * Picks the locale from `--lang X` or `--lang=X` in argv (options after `--` do not count), then
 * from LC_ALL, LC_MESSAGES and LANG. An unknown --lang value falls back to the environment.
 */
export function localeFromArgv(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): Locale {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') break;
    if (arg === '--lang') return parseLocale(argv[i + 1]) ?? localeFromEnvironment(env);
    if (arg.startsWith('--lang=')) return parseLocale(arg.slice('--lang='.length)) ?? localeFromEnvironment(env);
  }
  return localeFromEnvironment(env);
}

/** Replaces commander's English "(choices: …, default: …)" words in an option or argument description. */
function translateExtraInfo(t: Translate, description: string, full: string): string {
  const extra = full.slice(description.length);
  if (!extra) return full;
  const translated = extra
    .replace(/([(,] )?choices: /g, (_m, lead: string | undefined) => `${lead ?? ''}${t('cli.help.choices')}: `)
    .replace(/([(,] )?default: /g, (_m, lead: string | undefined) => `${lead ?? ''}${t('cli.help.default')}: `)
    .replace(/([(,] )?preset: /g, (_m, lead: string | undefined) => `${lead ?? ''}${t('cli.help.preset')}: `);
  return description + translated;
}

/**
 * Patterns of commander 14's English error texts, each with the function that renders the same
 * error from the message catalogue. A commander upgrade that rewords an error leaves it in English.
 */
const ERROR_PATTERNS: readonly [RegExp, (t: Translate, match: RegExpExecArray) => string][] = [
  [/^error: unknown option '(.*)'$/, (t, m) => t('cli.err.unknownOption', { flag: m[1] })],
  [/^error: unknown command '(.*)'$/, (t, m) => t('cli.err.unknownCommand', { name: m[1] })],
  [/^error: missing required argument '(.*)'$/, (t, m) => t('cli.err.missingArgument', { name: m[1] })],
  [/^error: option '(.*)' argument missing$/, (t, m) => t('cli.err.optionMissingValue', { flag: m[1] })],
  [/^error: required option '(.*)' not specified$/, (t, m) => t('cli.err.requiredOption', { flag: m[1] })],
  [/^error: option '(.*)' argument '(.*)' is invalid\.(.*)$/, (t, m) => `${t('cli.err.invalidOptionValue', { flag: m[1], value: m[2] })}${m[3]}`],
  [
    /^error: command-argument value '(.*)' is invalid for argument '(.*)'\.(.*)$/,
    (t, m) => `${t('cli.err.invalidArgumentValue', { value: m[1], name: m[2] })}${m[3]}`,
  ],
  [
    /^error: too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
    (t, m) =>
      t('cli.err.tooManyArguments', { where: m[1] ? t('cli.err.tooManyArgumentsFor', { name: m[1] }) : '', expected: m[2], received: m[3] }),
  ],
  [
    /^error: option '(.*)' cannot be used with option '(.*)'$/,
    (t, m) => t('cli.err.conflict', { a: t('cli.err.optionName', { flag: m[1] }), b: t('cli.err.optionName', { flag: m[2] }) }),
  ],
  [/^\(Did you mean (?:one of )?(.*)\?\)$/, (t, m) => t('cli.err.didYouMean', { names: m[1] })],
];

/** Translates each line of a commander error message; lines it does not know stay as they are. */
export function translateCommanderError(t: Translate, message: string): string {
  return message
    .split('\n')
    .map((line) => {
      const pattern = ERROR_PATTERNS.find(([regex]) => regex.test(line));
      const match = pattern?.[0].exec(line);
      const rendered = pattern && match ? pattern[1](t, match) : line;
      return rendered.replace(/ Allowed choices are (.*)\.$/, (_m, choices: string) => ` ${t('cli.err.allowedChoices', { choices })}`);
    })
    .join('\n');
}

/**
 * Sets the help option, the help command, help headings and usage errors of `program` to the
 * locale of `t`. Call before adding subcommands: they copy these settings when created.
 */
export function localizeCommander(program: Command, t: Translate): Command {
  const titles: Record<string, string> = {
    'Usage:': t('cli.help.usage'),
    'Options:': t('cli.help.options'),
    'Global Options:': t('cli.help.globalOptions'),
    'Commands:': t('cli.help.commands'),
    'Arguments:': t('cli.help.arguments'),
  };
  const base = new Help();
  const usageWords = (usage: string): string =>
    usage.replace('[options]', t('cli.help.optionsWord')).replace('[command]', t('cli.help.commandWord'));
  return program
    .helpOption('-h, --help', t('cli.help.option'))
    .helpCommand('help [command]', t('cli.help.command'))
    .configureHelp({
      styleTitle: (title: string) => titles[title] ?? title,
      commandUsage: (cmd: Command) => usageWords(base.commandUsage(cmd)),
      subcommandTerm: (cmd: Command) => usageWords(base.subcommandTerm(cmd)),
      optionDescription: (option: Option) => translateExtraInfo(t, option.description ?? '', base.optionDescription(option)),
      argumentDescription: (argument: Argument) => translateExtraInfo(t, argument.description ?? '', base.argumentDescription(argument)),
    })
    .configureOutput({
      outputError: (message: string, write: (text: string) => void) => write(translateCommanderError(t, message)),
    });
}

/** Formats a number with a fixed count of decimals in the locale (pt-BR: 0,712; en: 0.712). */
export function formatDecimal(locale: Locale, value: number, digits = 3): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** Formats a signed difference, such as +0,012 or −0,004, with the locale's decimal separator. */
export function formatDelta(locale: Locale, value: number, digits = 3): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'exceptZero' }).format(value);
}

/**
 * Formats a stored timestamp as the locale's short date and time in the local time zone (pt-BR:
 * 04/12/2026 21:15). Timestamps without a zone, as SQLite's datetime() writes them, are read as UTC.
 */
export function formatDateTime(locale: Locale, stored: string): string {
  const iso = /[zZ]|[+-]\d\d:?\d\d$/.test(stored) ? stored : `${stored.replace(' ', 'T')}Z`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return stored;
  const day = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
  return `${day} ${time}`;
}

/** Renders a count with its noun in the singular or plural the locale needs ("1 par", "2 pares"). */
export function countOf(t: Translate, noun: 'theses' | 'themes' | 'pairs', count: number): string {
  return t(`count.${noun}`, { count });
}

/** Formats a number with the locale's separators and the decimals it has (pt-BR: 0,475). */
export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }).format(value);
}
