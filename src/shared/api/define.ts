// How one route is declared: its name is the key in the route table, its input is a zod schema
// that main parses at runtime (the renderer is untrusted), and its output is a type only. The
// output type travels as a phantom field, so the table stays plain data the preload and the
// router can both derive from.

import type { z } from 'zod';

export interface RouteOptions {
  /**
   * Which transports serve the route. Native dialogs and "open folder" exist only in the Electron
   * window; the loopback web host answers those routes with the error `not_available`.
   */
  transports?: readonly ('electron' | 'web')[];
}

export interface Route<Input extends z.ZodType, Output> extends RouteOptions {
  input: Input;
  /** Never read at runtime; carries the output type. */
  readonly output?: Output;
}

/**
 * Declares a route: `defineRoute<Output>()(inputSchema)`. The two calls let TypeScript infer the
 * schema type while the output type is written out.
 */
export function defineRoute<Output>() {
  return <Input extends z.ZodType>(input: Input, options: RouteOptions = {}): Route<Input, Output> => ({
    input,
    ...options,
  });
}
