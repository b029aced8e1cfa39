#include "authlete_support.h"

#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

/* A page the kernel zeroes in a fork child (MADV_WIPEONFORK, Linux 4.14+): one byte read per call tells a child
 * from its parent, where getpid() would be a system call on every call. Where the kernel cannot wipe the page, the
 * guard falls back to comparing process ids. */
struct las_fork_guard {
  volatile uint8_t *page; /* 1 in the process that armed it; 0 in a child (wiped). NULL: no wipe-on-fork. */
  pid_t pid;              /* the fallback */
};

static long las_page_size(void) {
  long size = sysconf(_SC_PAGESIZE);
  return size > 0 ? size : 4096;
}

/* Marks the guard's page as this process's: wipe-on-fork where the kernel has it, else the process id. In a child
 * (two system calls, once per fork) it makes the wiped copy the child's own. */
void las_fork_guard_rearm(las_fork_guard *guard) {
  long size = las_page_size();
  guard->page = NULL;
  guard->pid = getpid();
#ifdef MADV_WIPEONFORK
  if (madvise(guard, (size_t)size, MADV_WIPEONFORK) == 0) guard->page = (volatile uint8_t *)guard + size - 1;
#endif
  if (guard->page != NULL) *guard->page = 1;
}

las_fork_guard *las_fork_guard_new(void) {
  void *memory = mmap(NULL, (size_t)las_page_size(), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) return NULL;
  las_fork_guard *guard = memory; /* the guard is its own page: nothing else to allocate or free */
  las_fork_guard_rearm(guard);
  return guard;
}

/* In a child the whole page, guard included, reads as zeros: page NULL and pid 0, so the fallback compares 0 with
 * getpid() and tells the child apart too. One byte read per call in the common case. */
int las_fork_guard_forked(las_fork_guard *guard) {
  if (guard->page != NULL) return *guard->page != 1;
  return guard->pid != getpid();
}

void las_fork_guard_free(las_fork_guard *guard) {
  if (guard != NULL) munmap(guard, (size_t)las_page_size());
}
