// The preload: a thin forwarder between the sandboxed renderer and main's API router. It exposes
// exactly three functions on `window.aderencia` (invoke a route, listen to events, register a
// dropped file) and no Electron or Node object, so a compromised page can only send requests that
// main checks like any other. Built as CommonJS because sandboxed preloads cannot be ES modules.

import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';

import { IPC_DROP_CHANNEL, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../shared/api/events';
import type { AderenciaBridge, ApiEvent, ApiEventListener } from '../shared/api';

const bridge: AderenciaBridge = {
  invoke(route, input) {
    return ipcRenderer.invoke(IPC_INVOKE_CHANNEL, String(route), input);
  },
  onEvent(listener: ApiEventListener) {
    const wrapped = (_event: IpcRendererEvent, payload: ApiEvent) => listener(payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, wrapped);
    };
  },
  registerDroppedFile(file) {
    // Only the preload can map a dropped File to its path; main registers that path as a handle.
    const filePath = webUtils.getPathForFile(file);
    return ipcRenderer.invoke(IPC_DROP_CHANNEL, filePath);
  },
};

contextBridge.exposeInMainWorld('aderencia', bridge);
