#ifndef PIPELINE_CSUPPORT_H
#define PIPELINE_CSUPPORT_H

/// Atomically exchanges two paths on the same file system (Linux `renameat2` with
/// `RENAME_EXCHANGE`). Returns 0 on success, or -1 with `errno` set (for example `EINVAL` on a
/// file system that does not support the exchange, or `ENOSYS` on other platforms).
int pipeline_exchange_paths(const char *first, const char *second);

/// Asks the processor to start loading the cache line at `address` (a hint: no effect on results).
static inline void pipeline_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

#endif
