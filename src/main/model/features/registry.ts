// Feature extractors by kind. Training and prediction build extractors only through this registry,
// so an extractor kind (the built-in lexical one, an ONNX text encoder) plugs in with one
// `registerExtractor` call and no change to the training code. A model version stores, per
// extractor, `{ kind, config, state }`; `restoreExtractor` rebuilds it from that record.

import { AppError } from '../../../shared/errors';
import { encoderFactory } from './encoder';
import type { ExtractorFactory, FeatureExtractor } from './extractor';
import { lexicalFactory } from './lexical';

/** Extractor kind and configuration, as a model version stores them. */
export interface ExtractorSpec {
  kind: string;
  config: Record<string, unknown>;
}

export interface StoredExtractor extends ExtractorSpec {
  state: unknown;
}

const factories = new Map<string, ExtractorFactory>();

/** Adds a factory; registering the same kind twice replaces the earlier one (tests re-register). */
export function registerExtractor(factory: ExtractorFactory): void {
  factories.set(factory.kind, factory);
}

export function extractorKinds(): string[] {
  return [...factories.keys()];
}

function factoryFor(kind: string): ExtractorFactory {
  const factory = factories.get(kind);
  if (!factory) {
    throw new AppError('model_unknown_extractor', `Unknown feature extractor kind "${kind}"; known: ${extractorKinds().join(', ')}`, {
      kind,
      known: extractorKinds().join(', '),
    });
  }
  return factory;
}

export function createExtractor(spec: ExtractorSpec): FeatureExtractor {
  return factoryFor(spec.kind).create(spec.config);
}

export function restoreExtractor(stored: StoredExtractor): FeatureExtractor {
  return factoryFor(stored.kind).restore(stored.config, stored.state);
}

registerExtractor(lexicalFactory);
registerExtractor(encoderFactory);
