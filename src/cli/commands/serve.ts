// Command group: `aderencia serve` runs the loopback web host, which serves the built renderer and
// the same API as the desktop window, for development and for using the app in a browser on this
// machine. It listens on 127.0.0.1 only and prints the address with its session token. The page's
// language is the database's language setting (Settings screen), not --lang.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { InvalidArgumentError, type Command } from 'commander';

import { Backend } from '../../main/api/backend';
import { userDataDir } from '../../main/paths';
import { startWebHost } from '../../main/webhost/server';
import { AppError } from '../../shared/errors';
import type { Translate } from '../../shared/i18n';
import { createContext, type GlobalOptions } from '../context';

const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../../out/renderer', import.meta.url));

interface ServeFlags {
  port?: number;
  open?: boolean;
  renderer?: string;
}

function portParser(t: Translate) {
  return (raw: string): number => {
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new InvalidArgumentError(t('cli.expect.port'));
    return port;
  };
}

/** Opens the address in the system's default browser; a failure only prints the address again. */
function openBrowser(url: string, t: Translate): void {
  const [command, args] =
    process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : process.platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write(`${t('cli.serve.noBrowser', { url })}\n`));
  child.unref();
}

/** Adds `serve`; `help` gives its help texts in the chosen locale. */
export function registerServeCommands(program: Command, help: Translate): void {
  program
    .command('serve')
    .description(help('cli.serve'))
    .option('--port <port>', help('cli.serve.port'), portParser(help))
    .option('--open', help('cli.serve.open'))
    .option('--renderer <dir>', help('cli.serve.renderer'))
    .action(async (flags: ServeFlags, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions & ServeFlags>();
      const context = createContext(options);
      const rendererDir = path.resolve(flags.renderer ?? DEFAULT_RENDERER_DIR);
      if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
        throw new AppError('serve_renderer_missing', `No built renderer in ${rendererDir}; run npm run build first`, { dir: rendererDir });
      }
      context.close();

      const backend = new Backend({ dbPath: context.dbPath, version: process.env.npm_package_version ?? 'dev', dataDir: userDataDir() });
      const host = await startWebHost({ backend, rendererDir, port: flags.port });
      process.stdout.write(`${host.url}\n`);
      if (flags.open) openBrowser(host.url, context.t);

      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await host.close();
      await backend.close();
    });
}
