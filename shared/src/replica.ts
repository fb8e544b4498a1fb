/**
 * A response read from the streaming replica (docs/decisions/0022) says how far behind the primary it was,
 * in milliseconds; the pages that show such lists warn when it is more than REPLICA_LAG_NOTICE_MS.
 */
export const REPLICA_LAG_HEADER = 'x-yiqi-replica-lag-ms';

/** Below this, a list a little behind is not worth a word to the reader. */
export const REPLICA_LAG_NOTICE_MS = 2000;
