// Loads data once and on demand: `{ data, error, loading, reload }`. Results of a superseded load
// are dropped, so a slow response never overwrites a newer one.

import { useCallback, useEffect, useRef, useState } from 'react';

export interface Query<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
}

export function useQuery<T>(load: () => Promise<T>, deps: unknown[]): Query<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    generation.current += 1;
    const mine = generation.current;
    setLoading(true);
    load()
      .then((value) => {
        if (mine !== generation.current) return;
        setData(value);
        setError(null);
      })
      .catch((caught: unknown) => mine === generation.current && setError(caught))
      .finally(() => mine === generation.current && setLoading(false));
    // The caller lists what the load depends on, as with useEffect.
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}
