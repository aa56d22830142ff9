// State of one review session: the queue, the current position, the undo stack and the per-level
// counters. Labels go to the backend first and change local state only once it confirms, so the
// screen never shows a level that was not saved. Pair details are fetched ahead of the position,
// so moving to the next pair does not wait for the backend.

import { useCallback, useEffect, useRef, useState } from 'react';

import type { LevelFilterValue } from '../../../shared/filters';
import type { Level } from '../../../shared/levels';
import type { LabelChange, QueueMode, ReviewBackend, ReviewItem } from './types';

/** Pairs fetched ahead of the current one. */
const PREFETCH = 3;

export interface ReviewSession {
  pairIds: number[];
  /** Pairs in the queue: those loaded plus those the server still has after them. */
  queued: number;
  index: number;
  current: ReviewItem | null;
  loading: boolean;
  /** Error code of the last failed call, for the screen to translate. */
  error: string | null;
  counts: Record<LevelFilterValue, number>;
  /** Unlabelled pairs outside the queue because the active model has not predicted them. */
  unpredicted: number;
  labelledThisSession: number;
  canUndo: boolean;
  autoAdvance: boolean;
  setAutoAdvance(value: boolean): void;
  setLevel(level: Level): Promise<void>;
  acceptPrediction(): Promise<void>;
  undo(): Promise<void>;
  next(): void;
  previous(): void;
}

function errorCode(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return 'internal';
}

const NO_COUNTS: Record<LevelFilterValue, number> = { BAIXA: 0, MEDIA: 0, ALTA: 0, none: 0 };

export function useReviewSession(backend: ReviewBackend, mode: QueueMode): ReviewSession {
  const [pairIds, setPairIds] = useState<number[]>([]);
  const [details, setDetails] = useState<Map<number, ReviewItem>>(new Map());
  const [index, setIndex] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [counts, setCounts] = useState(NO_COUNTS);
  const [unpredicted, setUnpredicted] = useState(0);
  // Pairs the server has after the last batch, so the position reads "5 of 65,000", not "5 of 500".
  const [remaining, setRemaining] = useState(0);
  const [autoAdvance, setAutoAdvance] = useState(true);
  const [undoStack, setUndoStack] = useState<{ index: number; pairId: number }[]>([]);
  const [labelledThisSession, setLabelled] = useState(0);
  const requested = useRef(new Set<number>());
  // The queue had more pairs than the batch returned; another request is made near the end.
  const [moreQueued, setMoreQueued] = useState(false);
  const extending = useRef(false);
  // One label call at a time: a key held down must not record the same pair twice out of order.
  const busy = useRef(false);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    requested.current = new Set();
    backend
      .loadQueue(mode)
      .then((batch) => {
        if (!live) return;
        setPairIds(batch.pairIds);
        setMoreQueued(!batch.complete);
        setCounts(batch.counters);
        setUnpredicted(batch.unpredicted ?? 0);
        setRemaining(batch.remaining ?? 0);
        setDetails(new Map());
        setIndex(0);
        setUndoStack([]);
      })
      .catch((caught: unknown) => live && setError(errorCode(caught)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [backend, mode]);

  // Near the end of a batch, requests the queue again and appends the pairs not yet in the session.
  // A request that brings nothing new ends the queue, so a fixed audit sample is not repeated.
  useEffect(() => {
    if (loading || !moreQueued || extending.current || index < pairIds.length - 1 - PREFETCH) return;
    extending.current = true;
    backend
      .loadQueue(mode)
      .then((batch) => {
        const seen = new Set(pairIds);
        const fresh = batch.pairIds.filter((pairId) => !seen.has(pairId));
        if (fresh.length > 0) setPairIds((ids) => [...ids, ...fresh]);
        setMoreQueued(fresh.length > 0 && !batch.complete);
        setCounts(batch.counters);
        setRemaining(fresh.length > 0 && !batch.complete ? (batch.remaining ?? 0) : 0);
      })
      .catch((caught: unknown) => setError(errorCode(caught)))
      .finally(() => {
        extending.current = false;
      });
  }, [backend, mode, loading, moreQueued, index, pairIds]);

  useEffect(() => {
    for (const pairId of pairIds.slice(index, index + 1 + PREFETCH)) {
      if (requested.current.has(pairId)) continue;
      requested.current.add(pairId);
      backend
        .loadPair(pairId)
        .then((item) => setDetails((map) => new Map(map).set(pairId, item)))
        .catch((caught: unknown) => {
          requested.current.delete(pairId);
          setError(errorCode(caught));
        });
    }
  }, [backend, pairIds, index]);

  const currentId = pairIds[index];
  const current = currentId == null ? null : (details.get(currentId) ?? null);

  const applyChange = useCallback((pairId: number, before: Level | null, change: LabelChange) => {
    setDetails((map) => {
      const item = map.get(pairId);
      return item ? new Map(map).set(pairId, { ...item, level: change.level, levelSource: change.levelSource }) : map;
    });
    setCounts((previous) => {
      const next = { ...previous };
      next[before ?? 'none'] = Math.max(0, next[before ?? 'none'] - 1);
      next[change.level ?? 'none'] += 1;
      return next;
    });
  }, []);

  const record = useCallback(
    async (call: (pairId: number) => Promise<LabelChange>) => {
      if (!current || busy.current) return;
      busy.current = true;
      const at = index;
      try {
        const change = await call(current.pairId);
        setError(null);
        applyChange(current.pairId, current.level, change);
        setUndoStack((stack) => [...stack, { index: at, pairId: current.pairId }]);
        setLabelled((n) => n + 1);
        if (autoAdvance) setIndex((i) => (i === at ? Math.min(at + 1, pairIds.length - 1) : i));
      } catch (caught) {
        setError(errorCode(caught));
      } finally {
        busy.current = false;
      }
    },
    [current, index, autoAdvance, pairIds.length, applyChange],
  );

  const setLevel = useCallback((level: Level) => record((pairId) => backend.setLabel(pairId, level)), [backend, record]);

  const acceptPrediction = useCallback(async () => {
    if (current?.predictedLevel) await record((pairId) => backend.acceptPrediction(pairId));
  }, [backend, current, record]);

  const undo = useCallback(async () => {
    const entry = undoStack[undoStack.length - 1];
    if (!entry || busy.current) return;
    busy.current = true;
    try {
      const before = details.get(entry.pairId)?.level ?? null;
      const change = await backend.undoLabel(entry.pairId);
      setError(null);
      applyChange(entry.pairId, before, change);
      setUndoStack((stack) => stack.slice(0, -1));
      setLabelled((n) => Math.max(0, n - 1));
      setIndex(entry.index);
    } catch (caught) {
      setError(errorCode(caught));
    } finally {
      busy.current = false;
    }
  }, [backend, undoStack, details, applyChange]);

  const next = useCallback(() => setIndex((i) => Math.min(i + 1, Math.max(0, pairIds.length - 1))), [pairIds.length]);
  const previous = useCallback(() => setIndex((i) => Math.max(0, i - 1)), []);

  return {
    pairIds,
    queued: pairIds.length + remaining,
    index,
    current,
    loading: loading || (currentId != null && current == null),
    error,
    counts,
    unpredicted,
    labelledThisSession,
    canUndo: undoStack.length > 0,
    autoAdvance,
    setAutoAdvance,
    setLevel,
    acceptPrediction,
    undo,
    next,
    previous,
  };
}
