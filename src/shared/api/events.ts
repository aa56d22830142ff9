// Events main pushes to every window (Electron IPC) and every web-host client (server-sent
// events). They are plain types: main creates them, so they need no runtime parsing.

import type { Locale } from '../i18n';
import type { JobEvent } from '../progress';
import type { JobInfo } from './routes/jobs';

export type ApiEvent =
  /** A progress event of a running job, as its service emitted it. */
  | { type: 'job.progress'; event: JobEvent }
  /** A job changed state (queued, running, done, failed, cancelled); carries the whole record. */
  | { type: 'job.state'; job: JobInfo }
  /** Another database was opened or data changed in bulk (an import, a merge): refetch lists. */
  | { type: 'data.changed'; reason: 'db.opened' | 'import' | 'pairing' | 'labels' | 'themes' | 'model' | 'encoders' }
  /** The language setting changed: re-render in this locale. */
  | { type: 'locale.changed'; locale: Locale };

export type ApiEventListener = (event: ApiEvent) => void;

/** IPC channel names; the preload and main import them from here so they cannot drift. */
export const IPC_INVOKE_CHANNEL = 'aderencia:invoke';
export const IPC_EVENT_CHANNEL = 'aderencia:event';
export const IPC_DROP_CHANNEL = 'aderencia:drop';
