// Runs the encoder worker in an Electron utility process instead of a Node child process. A
// utility process is Electron's supported way to run Node code beside the app: it needs no
// ELECTRON_RUN_AS_NODE (which a hardened build may disable), and it is sandboxed from the window.

import { utilityProcess } from 'electron';

import type { FromWorker, ToWorker } from '../encoders/protocol';
import { EncoderWorker, type WorkerHandle } from '../encoders/worker-client';
import { setEncoderWorker } from '../encoders/service';
import { createLogger } from '../log';

const log = createLogger('encoders.utility');

function spawnUtility(entry: string): WorkerHandle {
  const child = utilityProcess.fork(entry, [], { serviceName: 'Aderência encoder', stdio: 'inherit' });
  return {
    get pid() {
      return child.pid;
    },
    send: (message: ToWorker) => child.postMessage(message),
    onMessage: (listener) => child.on('message', (message: unknown) => listener(message as FromWorker)),
    onExit: (listener) => child.on('exit', (code) => listener(code, null)),
    kill: () => {
      child.kill();
    },
  };
}

/** Makes the encoders service use a utility process running `entry` (the built encoder worker). */
export function useUtilityEncoderWorker(entry: string): void {
  setEncoderWorker(
    new EncoderWorker({
      spawn: () => spawnUtility(entry),
      onCrash: (report) => log.error(`encoder worker exited unexpectedly (code ${report.code ?? 'none'}); it restarts on the next request`),
    }),
  );
}
