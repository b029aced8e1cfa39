#ifndef HARD_MODES_H
#define HARD_MODES_H
#include "support.h"

int mode_paths(void);
int mode_faults(void);
int mode_threads(int calls_per_thread);
int mode_soak(long calls);
int mode_fork(void);
void fault_matrix_sequential(void);
void fault_matrix_concurrent(void);
#endif
