// The Review screen's view of one pair, and the operations it requests from the backend.
// The screen depends on this small interface instead of the API client, so the component tests can
// drive it with an in-memory backend and the app wires it to the real routes (reviewBackend.ts).

import type { LevelFilterValue } from '../../../shared/filters';
import type { LabelSource, Level } from '../../../shared/levels';
import { REVIEW_MODES, type ReviewMode } from '../../../shared/api/routes/pairs';

export const QUEUE_MODES = REVIEW_MODES;
export type QueueMode = ReviewMode;

export interface ReviewItem {
  pairId: number;
  title: string;
  keywords: string | null;
  abstract: string | null;
  year: number | null;
  institution: string | null;
  programme: string | null;
  themeName: string;
  themeUf: string | null;
  macroTheme: string | null;
  themeKeywords: string[];
  level: Level | null;
  levelSource: LabelSource | null;
  predictedLevel: Level | null;
  /** Probabilities of BAIXA, MÉDIA and ALTA from the active model, or null without a prediction. */
  probabilities: Record<Level, number> | null;
  /** Terms that tie thesis and theme, and the passage that ties them most strongly. */
  matchedTerms: string[];
  passage: string | null;
}

export interface QueueBatch {
  pairIds: number[];
  /** True when the queue had no more pairs than these. False makes the session request more near the end. */
  complete: boolean;
  /** Pairs per current level in the queue's filter. */
  counters: Record<LevelFilterValue, number>;
  /** Unlabelled pairs left out of the queue because the active model has not predicted them. */
  unpredicted?: number;
  /** Pairs the queue has after these. */
  remaining?: number;
}

/** A pair's label after the backend recorded a change. */
export interface LabelChange {
  level: Level | null;
  levelSource: LabelSource | null;
}

export interface ReviewBackend {
  loadQueue(mode: QueueMode): Promise<QueueBatch>;
  loadPair(pairId: number): Promise<ReviewItem>;
  /** Records a curator's label (the curator's name is added by the backend from the settings). */
  setLabel(pairId: number, level: Level): Promise<LabelChange>;
  /** Takes the active model's prediction as the label. */
  acceptPrediction(pairId: number): Promise<LabelChange>;
  /** Restores the label a pair had before its newest event, as a new event. */
  undoLabel(pairId: number): Promise<LabelChange>;
}
