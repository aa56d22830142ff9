// The one contract between the renderer and the main process. Every route is declared once in
// routes/*: main's router parses the input with the route's schema and calls the service, the
// preload forwards by name, and the renderer's client is typed from this table.

import type { z } from 'zod';

import type { Route } from './define';
import { appRoutes } from './routes/app';
import { corpusRoutes } from './routes/corpus';
import { encodersRoutes } from './routes/encoders';
import { exportRoutes } from './routes/export';
import { jobsRoutes } from './routes/jobs';
import { modelRoutes } from './routes/model';
import { pairsRoutes } from './routes/pairs';
import { themesRoutes } from './routes/themes';
import { viewsRoutes } from './routes/views';
import type { ApiEvent, ApiEventListener } from './events';
import type { ApiResult } from './result';
import type { FileHandleInfo } from './common';

export const API_ROUTES = {
  ...appRoutes,
  ...corpusRoutes,
  ...pairsRoutes,
  ...modelRoutes,
  ...jobsRoutes,
  ...themesRoutes,
  ...viewsRoutes,
  ...exportRoutes,
  ...encodersRoutes,
} as const;

export type ApiRoutes = typeof API_ROUTES;
export type RouteName = keyof ApiRoutes;

type SchemaOf<N extends RouteName> = ApiRoutes[N] extends Route<infer S, unknown> ? S : never;

/** Input as the caller passes it, where fields with defaults may be left out. */
export type RouteInput<N extends RouteName> = z.input<SchemaOf<N>>;
/** Input as the handler receives it after parsing, with defaults filled in and strings trimmed. */
export type ParsedInput<N extends RouteName> = z.output<SchemaOf<N>>;
export type RouteOutput<N extends RouteName> = ApiRoutes[N] extends Route<z.ZodType, infer O> ? O : never;

export const ROUTE_NAMES = Object.keys(API_ROUTES) as RouteName[];

export function isRouteName(name: unknown): name is RouteName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(API_ROUTES, name);
}

/** The renderer's client for the screens, the same whatever the transport. */
export interface ApiClient {
  readonly transport: 'electron' | 'web';
  call<N extends RouteName>(route: N, input: RouteInput<N>): Promise<ApiResult<RouteOutput<N>>>;
  /** Subscribes to every event; returns the unsubscribe function. */
  onEvent(listener: ApiEventListener): () => void;
  /** Subscribes to job progress and state events only. */
  onJobEvent(listener: (event: Extract<ApiEvent, { type: 'job.progress' | 'job.state' }>) => void): () => void;
  /** Registers a file dropped on the window (or chosen in an <input type=file>) and returns its handle. */
  registerFile(file: File): Promise<ApiResult<FileHandleInfo>>;
}

/**
 * The bridge the preload exposes as `window.aderencia`. It is untyped per route on purpose because
 * the preload only forwards, and the renderer's client adds the types from API_ROUTES.
 */
export interface AderenciaBridge {
  invoke(route: string, input: unknown): Promise<ApiResult<unknown>>;
  onEvent(listener: ApiEventListener): () => void;
  /** Turns a dropped File into a handle through webUtils.getPathForFile in the preload. */
  registerDroppedFile(file: File): Promise<ApiResult<FileHandleInfo>>;
}

export type { ApiEvent, ApiEventListener } from './events';
export { IPC_DROP_CHANNEL, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from './events';
export type { ApiError, ApiResult } from './result';
export type { FileHandleInfo } from './common';
export type { Route } from './define';
export * from './routes/app';
export * from './routes/corpus';
export * from './routes/encoders';
export * from './routes/export';
export * from './routes/jobs';
export * from './routes/model';
export * from './routes/pairs';
export * from './routes/themes';
export * from './routes/views';
