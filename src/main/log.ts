// One logger per module, all writing to one rotating file in the user-data folder. Console output
// goes to stderr and only from warnings up, so the command line's stdout stays clean for --json.
// Personal data (student and advisor names) must never be passed to a logger: callers log ids and
// counts, and redact() masks the CAPES name columns if a whole record is logged by mistake.

import fs from 'node:fs';
import path from 'node:path';

import log from 'electron-log/node';

import { logsDir } from './paths';

type LogFunctions = ReturnType<typeof log.scope>;

let configured = false;

/** Sets the log folder; idempotent. Without a call, logs go to the default user-data folder. */
export function configureLogging(options: { dir?: string; consoleLevel?: 'error' | 'warn' | 'info' | 'debug' | false } = {}): void {
  const dir = options.dir ?? logsDir();
  try {
    fs.mkdirSync(dir, { recursive: true });
    log.transports.file.resolvePathFn = () => path.join(dir, 'aderencia.log');
    // electron-log renames the full file to .old.log and starts a new one: a two-file rotation.
    log.transports.file.maxSize = 5 * 1024 * 1024;
    log.transports.file.level = 'info';
  } catch {
    // NOTE: a read-only home folder leaves only console logging; the app still works.
    log.transports.file.level = false;
  }
  log.transports.console.level = options.consoleLevel ?? 'warn';
  log.transports.console.writeFn = ({ message }) => {
    process.stderr.write(`${message.data.map(String).join(' ')}\n`);
  };
  configured = true;
}

export function createLogger(scope: string): LogFunctions {
  if (!configured) configureLogging();
  return log.scope(scope);
}

const PERSONAL_KEYS = /^(NM_DISCENTE|NM_ORIENTADOR|NM_COORIENTADOR|discente|orientador|autor|author|advisor|student)$/i;

/** Copies a record with personal-name fields masked, for the rare log line that shows a row. */
export function redact(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) out[key] = PERSONAL_KEYS.test(key) ? '[redacted]' : value;
  return out;
}
