// The one API router both transports use (Electron IPC and the loopback web host). For each
// request it checks the sender, looks the route up in the contract, parses the input with the
// route's zod schema, calls the handler and returns `{ok, data}` or `{ok: false, error}`. It never
// throws: refusals and failures are logged with the reason and returned as translated errors.

import { z } from 'zod';

import { AppError } from '../../shared/errors';
import { API_ROUTES, isRouteName, type ApiResult, type ParsedInput, type RouteName, type RouteOutput } from '../../shared/api';
import type { Locale } from '../../shared/i18n';
import { createLogger } from '../log';
import { errorFromUnknown, invalidInput, toApiError } from './errors';
import type { Sender, SenderPolicy } from './senders';

const log = createLogger('api');

/** Request details a handler receives besides its input. */
export interface RequestContext {
  route: RouteName;
  transport: Sender['transport'];
  locale: Locale;
}

export type Handler<N extends RouteName> = (
  input: ParsedInput<N>,
  request: RequestContext,
) => RouteOutput<N> | Promise<RouteOutput<N>>;

export type Handlers = { [N in RouteName]: Handler<N> };

export interface RouterOptions {
  handlers: Handlers;
  authorize: SenderPolicy;
  /** Locale of the messages, read per request because the language setting can change. */
  locale: () => Locale;
}

export interface Router {
  handle(sender: Sender, route: unknown, input: unknown): Promise<ApiResult<unknown>>;
}

export function createRouter(options: RouterOptions): Router {
  return {
    async handle(sender, route, input) {
      const locale = options.locale();
      const rejection = options.authorize(sender);
      if (rejection) {
        log.warn(`rejected ${describeRoute(route)} from ${sender.transport}: ${rejection}`);
        return { ok: false, error: toApiError(new AppError('forbidden', `Request rejected: ${rejection}`, { reason: rejection }), locale) };
      }
      if (!isRouteName(route)) {
        log.warn(`rejected unknown route ${describeRoute(route)} from ${sender.transport}`);
        return { ok: false, error: toApiError(new AppError('unknown_route', `Unknown API route ${describeRoute(route)}`, { route: describeRoute(route) }), locale) };
      }
      return dispatch(options.handlers, route, input, { route, transport: sender.transport, locale });
    },
  };
}

async function dispatch<N extends RouteName>(
  handlers: Handlers,
  route: N,
  rawInput: unknown,
  request: RequestContext,
): Promise<ApiResult<unknown>> {
  const definition = API_ROUTES[route];
  const transports = 'transports' in definition ? (definition.transports as readonly string[] | undefined) : undefined;
  if (transports && !transports.includes(request.transport)) {
    return {
      ok: false,
      error: toApiError(new AppError('not_available', `${route} is not available over ${request.transport}`, { route }), request.locale),
    };
  }

  const parsed = (definition.input as z.ZodType).safeParse(rawInput ?? {}, { error: zodErrorMap(request.locale) });
  if (!parsed.success) {
    const error = invalidInput(route, parsed.error);
    log.warn(`rejected input of ${route}: field ${String(error.params.fields)}`);
    return { ok: false, error: toApiError(error, request.locale) };
  }

  try {
    const handler = handlers[route] as Handler<N>;
    const data = await handler(parsed.data as ParsedInput<N>, request);
    return { ok: true, data };
  } catch (error) {
    const apiError = errorFromUnknown(error, request.locale);
    if (apiError.code === 'internal') log.error(`${route} failed`, error);
    else log.info(`${route} returned error ${apiError.code}`);
    return { ok: false, error: apiError };
  }
}

/** Zod's Portuguese messages for pt-BR requests; schema-specific messages stay as written. */
function zodErrorMap(locale: Locale): z.core.$ZodErrorMap | undefined {
  return locale === 'pt-BR' ? ptErrorMap : undefined;
}

const ptErrorMap = z.locales.pt().localeError;

function describeRoute(route: unknown): string {
  if (typeof route !== 'string') return `(${typeof route})`;
  return JSON.stringify(route.slice(0, 80));
}
