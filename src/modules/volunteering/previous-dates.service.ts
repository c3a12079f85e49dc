/**
 * What other modules may call to keep volunteer records' previous dates (previous-dates.repository.ts) exact: an
 * org move rewrites the paths they are computed from.
 */
export {
  type Affected,
  PREVIOUS_DATE_DEPTHS,
  previousDateColumn,
  refreshPreviousDates,
} from './previous-dates.repository.ts';
