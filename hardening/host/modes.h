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
/* host/flow.c: the CIBA calls beside fail. hard_flow: one exact poll flow, 1 when every answer held. */
void ciba_paths(void);
int hard_flow(authlete_client *client, const char *service_id, int one_step, const char *user);
#endif
