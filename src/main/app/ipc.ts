// Wires the API router to Electron IPC: one invoke channel for every route, one channel for
// dropped files, and events pushed to every window. The sender of each message is checked by the
// router (invoke) or here (drop) against the app's own origins.

import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';

import { IPC_DROP_CHANNEL, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type ApiResult, type FileHandleInfo } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { Backend } from '../api/backend';
import { errorFromUnknown } from '../api/errors';
import { electronSenderPolicy, type Sender } from '../api/senders';
import { createLogger } from '../log';

const log = createLogger('ipc');

function senderOf(event: IpcMainInvokeEvent): Sender {
  return { transport: 'electron', frameUrl: event.senderFrame?.url ?? null };
}

/** Registers the IPC handlers; returns a function that removes them (clean shutdown). */
export function wireIpc(backend: Backend, allowedOrigins: readonly string[]): () => void {
  const policy = electronSenderPolicy(allowedOrigins);
  const router = backend.router(policy);

  ipcMain.handle(IPC_INVOKE_CHANNEL, (event, route: unknown, input: unknown) => router.handle(senderOf(event), route, input));

  ipcMain.handle(IPC_DROP_CHANNEL, (event, filePath: unknown): ApiResult<FileHandleInfo> => {
    const rejection = policy(senderOf(event));
    try {
      if (rejection) {
        log.warn(`rejected dropped file: ${rejection}`);
        throw new AppError('forbidden', `Request rejected: ${rejection}`, { reason: rejection });
      }
      if (typeof filePath !== 'string' || filePath === '') {
        throw new AppError('file_not_found', 'The dropped item has no file path', { file: '' });
      }
      return { ok: true, data: backend.files.register(filePath, 'file') };
    } catch (error) {
      return { ok: false, error: errorFromUnknown(error, backend.locale()) };
    }
  });

  const unsubscribe = backend.onEvent((event) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, event);
    }
  });

  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
    ipcMain.removeHandler(IPC_DROP_CHANNEL);
  };
}
