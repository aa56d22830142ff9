// Gives screens the API client through context, so a test can render a screen against another
// client. The app uses the page's client (preload bridge or web host).

import { createContext, useContext } from 'react';

import { api, ApiCallError } from '../api';
import type { ApiClient, ApiResult, RouteInput, RouteName, RouteOutput } from '../../shared/api';

export const ApiContext = createContext<ApiClient>(api);

export function useApi(): ApiClient {
  return useContext(ApiContext);
}

/** Calls a route and returns its data, or throws ApiCallError with the code and translated message. */
export async function callApi<N extends RouteName>(client: ApiClient, route: N, input: RouteInput<N>): Promise<RouteOutput<N>> {
  const result: ApiResult<RouteOutput<N>> = await client.call(route, input);
  if (result.ok) return result.data;
  throw new ApiCallError(result.error.code, result.error.message, result.error.params);
}

/** Returns the message for a failed call: main's translated message, else the code's catalogue entry. */
export function errorText(error: unknown, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (error instanceof ApiCallError) return error.message || t(`error.${error.code}`);
  if (error instanceof Error) return t('error.internal', { message: error.message });
  return t('ui.common.failed');
}
