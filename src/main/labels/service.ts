// Curator labelling: set or clear a level, accept the active model's prediction, undo the newest
// change. Each action appends one label event (the history is append-only) inside one transaction
// and returns the pair's current label.

import type { LabelState } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { LabelSource, Level } from '../../shared/levels';
import type { Db } from '../db/connection';
import { appendLabel, currentLabel, labelHistory, type LabelEvent } from '../db/labels';
import { activeModel } from '../db/pairQuery';
import { predictionFor } from '../db/predictions';

export interface CuratorInput {
  /** Recorded in the label event; null when the curator has not typed a name. */
  curator: string | null;
}

function labelState(db: Db, pairId: number): LabelState {
  const row = currentLabel(db, pairId);
  if (!row) throw new AppError('pair_not_found', `pair ${pairId} not found`, { id: pairId });
  return { pairId, ...row };
}

/**
 * Sets (or with null clears) the curator's level. Setting the level the curator already gave is a
 * no-op, so a double key press does not grow the history.
 */
export function setLabel(db: Db, input: CuratorInput & { pairId: number; level: Level | null; note?: string }): LabelState {
  return db.transaction(() => {
    const current = labelState(db, input.pairId);
    const sameAsCurator = current.level === input.level && (current.levelSource === 'curator' || input.level === null);
    if (sameAsCurator && !input.note) return current;
    appendLabel(db, { pairId: input.pairId, level: input.level, source: 'curator', curator: input.curator, note: input.note ?? null });
    return labelState(db, input.pairId);
  })();
}

/**
 * Takes the active model's predicted level as the pair's label (source accepted_prediction).
 * Accepting a prediction the pair already carries as its label is a no-op, as in setLabel.
 */
export function acceptPrediction(db: Db, input: CuratorInput & { pairId: number }): LabelState {
  return db.transaction(() => {
    const current = labelState(db, input.pairId);
    const model = activeModel(db);
    const prediction = model ? predictionFor(db, input.pairId, model.id) : null;
    if (!model || !prediction) {
      throw new AppError('prediction_missing', `pair ${input.pairId} has no prediction of an active model`, { id: input.pairId });
    }
    if (current.level === prediction.level && current.levelSource === 'accepted_prediction') return current;
    appendLabel(db, {
      pairId: input.pairId,
      level: prediction.level,
      source: 'accepted_prediction',
      curator: input.curator,
      modelVersionId: model.id,
    });
    return labelState(db, input.pairId);
  })();
}

/**
 * Reverts the pair's newest label change that is not undone yet, by appending an event that restores
 * the level and source it replaced. Undoing again steps further back, because each undo event names
 * the event it reverts and undone events are skipped.
 */
export function undoLabel(db: Db, input: CuratorInput & { pairId: number }): LabelState {
  return db.transaction(() => {
    labelState(db, input.pairId);
    const effective = effectiveHistory(labelHistory(db, input.pairId));
    const newest = effective[effective.length - 1];
    if (!newest) throw new AppError('label_nothing_to_undo', `pair ${input.pairId} has no label to undo`, { id: input.pairId });
    const before = effective[effective.length - 2];
    const source: LabelSource = newest.previousLevel != null && before ? before.source : 'curator';
    appendLabel(db, {
      pairId: input.pairId,
      level: newest.previousLevel,
      source,
      curator: input.curator,
      note: `undo of label event ${newest.id}`,
      modelVersionId: source === 'accepted_prediction' ? (before?.modelVersionId ?? null) : null,
      importId: source === 'imported' ? (before?.importId ?? null) : null,
      undoesEventId: newest.id,
    });
    return labelState(db, input.pairId);
  })();
}

/** Returns the label changes still in effect, oldest first. Every undo removes the event it reverts. */
function effectiveHistory(history: readonly LabelEvent[]): LabelEvent[] {
  const stack: LabelEvent[] = [];
  for (const event of history) {
    if (event.undoesEventId == null) {
      stack.push(event);
      continue;
    }
    const undone = stack.findIndex((candidate) => candidate.id === event.undoesEventId);
    if (undone >= 0) stack.splice(undone, 1);
  }
  return stack;
}
