// A virtualised table over every pair the filter selects. Only the rows in view exist in the DOM.
// Rows arrive from `pairs.list` in pages of PAGE_SIZE by offset, so scrolling to the middle of
// 100,000 pairs fetches one page, not the pages before it.

import Box from '@mui/material/Box';
import TableSortLabel from '@mui/material/TableSortLabel';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';

import { isEmptyFilter, type PairFilter, type PairRow, type PairSort } from '../../../shared/filters';
import { callApi, useApi } from '../../app/ApiContext';
import { PAIR_COLUMNS } from './columns';

// Rows carry whole abstracts, so a page stays small: 100 rows fill three screens.
const PAGE_SIZE = 100;
const ROW_HEIGHT = 36;

const ROW_STYLE: CSSProperties = {
  display: 'flex',
  alignItems: 'center',
  position: 'absolute',
  top: 0,
  left: 0,
  width: '100%',
  height: ROW_HEIGHT,
  borderBottom: '1px solid rgba(0, 0, 0, 0.12)',
  fontSize: 13,
};

const CELL_STYLE: CSSProperties = { flexShrink: 0, padding: '0 8px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' };

export interface PairsTableProps {
  filter: PairFilter;
  sort: PairSort;
  onSortChange(sort: PairSort): void;
  columns: string[];
  count: number | null;
  onOpenPair?(row: PairRow): void;
}

export function PairsTable({ filter, sort, onSortChange, columns, count, onOpenPair }: PairsTableProps) {
  const { t } = useTranslation();
  const client = useApi();
  const scrollRef = useRef<HTMLDivElement>(null);
  const pages = useRef(new Map<number, PairRow[]>());
  const pending = useRef(new Set<number>());
  const [, setVersion] = useState(0);
  const [firstPageLoaded, setFirstPageLoaded] = useState(false);
  const generation = useRef(0);

  const total = count ?? 0;
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  // A new filter or sort starts over: drop cached pages and scroll to the top.
  const filterKey = JSON.stringify([filter, sort]);
  useEffect(() => {
    generation.current += 1;
    pages.current = new Map();
    pending.current = new Set();
    setFirstPageLoaded(false);
    scrollRef.current?.scrollTo?.({ top: 0 });
    setVersion((n) => n + 1);
  }, [filterKey]);

  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    // The first page is asked for together with the count (before the total is known), so a new
    // filter costs one round trip, not two.
    if (count === 0) return;
    const mine = generation.current;
    const lastPage = total === 0 ? 0 : Math.floor(lastIndex / PAGE_SIZE);
    for (let page = Math.floor(firstIndex / PAGE_SIZE); page <= lastPage; page += 1) {
      if (pages.current.has(page) || pending.current.has(page)) continue;
      pending.current.add(page);
      void callApi(client, 'pairs.list', { filter, sort, page: { limit: PAGE_SIZE, offset: page * PAGE_SIZE } })
        .then((result) => {
          if (mine !== generation.current) return;
          pages.current.set(page, result.rows);
          if (page === 0) setFirstPageLoaded(true);
          setVersion((n) => n + 1);
        })
        .finally(() => pending.current.delete(page));
    }
    // filterKey stands for filter and sort.
  }, [client, filterKey, firstIndex, lastIndex, total, count]);

  const visible = columns.map((key) => PAIR_COLUMNS.find((column) => column.key === key)).filter((column) => column != null);
  const width = visible.reduce((sum, column) => sum + column.width, 0);

  return (
    <Box
      ref={scrollRef}
      tabIndex={0}
      role="table"
      aria-rowcount={total}
      aria-label={t('ui.pairs.table')}
      data-testid="pairs-table"
      data-ready={count != null && (total === 0 || firstPageLoaded) ? 'true' : 'false'}
      sx={{ flex: 1, minHeight: 300, overflow: 'auto', bgcolor: 'background.paper', border: 1, borderColor: 'divider', borderRadius: 1, '& .pairs-row:hover': { bgcolor: 'action.hover' } }}
    >
      <Box role="row" sx={{ display: 'flex', position: 'sticky', top: 0, zIndex: 1, bgcolor: 'grey.100', borderBottom: 1, borderColor: 'divider', width, minWidth: '100%' }}>
        {visible.map((column) => (
          <Box role="columnheader" key={column.key} sx={{ width: column.width, flexShrink: 0, px: 1, py: 0.75, fontWeight: 600, fontSize: 13 }}>
            {column.sortKey ? (
              <TableSortLabel
                active={sort.key === column.sortKey}
                direction={sort.key === column.sortKey ? sort.direction : 'asc'}
                onClick={() =>
                  onSortChange({
                    key: column.sortKey!,
                    direction: sort.key === column.sortKey && sort.direction === 'asc' ? 'desc' : 'asc',
                  })
                }
              >
                {t(`ui.column.${column.key}`)}
              </TableSortLabel>
            ) : (
              t(`ui.column.${column.key}`)
            )}
          </Box>
        ))}
      </Box>
      {/* "No pairs at all" and "no pairs match" need different next steps. */}
      {count === 0 && (
        <Box role="status" data-testid="pairs-empty" sx={{ p: 3, color: 'text.secondary' }}>
          {t(isEmptyFilter(filter) ? 'ui.pairs.noPairs' : 'ui.pairs.noMatch')}
        </Box>
      )}
      <Box sx={{ height: virtualizer.getTotalSize(), position: 'relative', width, minWidth: '100%' }}>
        {items.map((item) => {
          const row = pages.current.get(Math.floor(item.index / PAGE_SIZE))?.[item.index % PAGE_SIZE];
          // Plain elements with inline styles: a styled MUI Box per cell costs a style computation
          // each, and a screen contains several hundred cells.
          return (
            <div
              key={item.key}
              role="row"
              aria-rowindex={item.index + 1}
              data-pair-id={row?.pairId}
              className="pairs-row"
              onDoubleClick={() => row && onOpenPair?.(row)}
              style={{ ...ROW_STYLE, transform: `translateY(${item.start}px)` }}
            >
              {visible.map((column) => (
                <div role="cell" key={column.key} style={{ ...CELL_STYLE, width: column.width }}>
                  {row ? column.render(row, t) : '…'}
                </div>
              ))}
            </div>
          );
        })}
      </Box>
    </Box>
  );
}
