// What every command receives: the open database, the translator, and output helpers that keep
// stdout for results (one JSON object with --json) and stderr for progress and messages.

import type { Command } from 'commander';

import { openDatabase, type Db } from '../main/db/connection';
import { configureLogging } from '../main/log';
import { defaultDatabasePath } from '../main/paths';
import { localeFromEnvironment, parseLocale, translator, type Locale, type Translate } from '../shared/i18n';
import type { JobEvent, ProgressListener } from '../shared/progress';

export interface GlobalOptions {
  db?: string;
  json?: boolean;
  lang?: string;
}

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_USAGE = 2;

export interface CliContext {
  readonly dbPath: string;
  readonly json: boolean;
  readonly locale: Locale;
  readonly t: Translate;
  /** Opens the database on first use and keeps it open until close(). */
  db(): Db;
  /** Writes a result: the object as JSON with --json, else the text lines. */
  result(json: unknown, text: () => string): void;
  /** A progress listener that draws a bar on stderr when stderr is a terminal. */
  progress(): ProgressListener;
  close(): void;
}

export function createContext(options: GlobalOptions, io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WriteStream | NodeJS.WritableStream } = process): CliContext {
  configureLogging({ consoleLevel: false });
  const locale = parseLocale(options.lang) ?? localeFromEnvironment();
  const t = translator(locale);
  const dbPath = options.db ?? process.env.ADERENCIA_DB ?? defaultDatabasePath();
  let handle: Db | undefined;
  return {
    dbPath,
    json: options.json ?? false,
    locale,
    t,
    db() {
      handle ??= openDatabase(dbPath);
      return handle;
    },
    result(json, text) {
      if (options.json) io.stdout.write(`${JSON.stringify(json)}\n`);
      else io.stdout.write(`${text()}\n`);
    },
    progress() {
      return progressBar(io.stderr, t);
    },
    close() {
      if (handle?.open) handle.close();
    },
  };
}

/** Draws one line per job on stderr, redrawn in place on a terminal and every 10 % otherwise. */
function progressBar(stream: NodeJS.WritableStream & { isTTY?: boolean }, t: Translate): ProgressListener {
  const tty = Boolean(stream.isTTY);
  let lastDecile = -1;
  let label = '';
  return (event: JobEvent) => {
    if (event.type === 'start') {
      label = t(`job.${event.kind}`, { defaultValue: event.kind });
      lastDecile = -1;
      return;
    }
    if (event.type === 'end') {
      if (tty) stream.write('\n');
      return;
    }
    const pct = event.total ? Math.floor((100 * event.done) / event.total) : null;
    const text = pct == null ? `${label}: ${event.done}` : `${label}: ${bar(pct)} ${pct}% (${event.done}/${event.total})`;
    if (tty) {
      stream.write(`\r${text}`);
    } else if (pct != null && Math.floor(pct / 10) > lastDecile) {
      lastDecile = Math.floor(pct / 10);
      stream.write(`${text}\n`);
    }
  };
}

function bar(pct: number, width = 24): string {
  const filled = Math.round((pct / 100) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

/**
 * Runs a command's body with a context that is closed afterwards, and aborts the signal on Ctrl+C
 * or SIGTERM so long jobs stop cleanly (an import rolls back, an export removes its partial file).
 * `onClose` runs before the database closes, such as stopping the encoder worker.
 */
export async function withContext(
  command: Command,
  body: (ctx: CliContext, signal: AbortSignal) => Promise<void> | void,
  options: { onClose?: () => Promise<void> | void } = {},
): Promise<void> {
  const ctx = createContext(command.optsWithGlobals<GlobalOptions>());
  const controller = new AbortController();
  const onInterrupt = (): void => controller.abort();
  // SIGTERM is what `timeout`, schedulers and a shutting-down system send, so it cleans up as Ctrl+C does.
  process.once('SIGINT', onInterrupt);
  process.once('SIGTERM', onInterrupt);
  try {
    await body(ctx, controller.signal);
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
    await options.onClose?.();
    ctx.close();
  }
}
