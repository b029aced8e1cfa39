/* See driver.h. POSIX threads, clock_gettime and getrusage; every loop is bounded by a count and a deadline. */
#define _POSIX_C_SOURCE 200809L
#include "driver.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

enum { MAX_THREADS = 64 };

static long long now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long long cpu_us(void) {
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return ((long long)usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000000LL + usage.ru_utime.tv_usec +
         usage.ru_stime.tv_usec;
}

typedef struct worker {
  const bench_ops *ops;
  const bench_args *args;
  void *shared;
  void *state;
  pthread_barrier_t *start;
  long long deadline_ns; /* read after the barrier */
  long long *latencies;  /* max_calls entries */
  long calls;
  long errors;
} worker;

static long long deadline_ns;

static void *worker_run(void *argument) {
  worker *w = argument;
  pthread_barrier_wait(w->start);
  long long deadline = deadline_ns;
  for (long i = 0; i < w->args->max_calls; i++) {
    long long before = now_ns();
    if (before >= deadline) break;
    if (w->ops->call(w->shared, w->state, w->args) != 0) w->errors++;
    w->latencies[w->calls++] = now_ns() - before;
  }
  return NULL;
}

/* Peak resident set of this process in KiB: VmHWM, which execve resets (ru_maxrss would carry the harness's
 * figure over from fork). -1 when unknown. */
static long peak_rss_kib(void) {
  FILE *status = fopen("/proc/self/status", "r");
  if (status == NULL) return -1;
  char line[256];
  long kib = -1;
  while (fgets(line, sizeof line, status) != NULL)
    if (strncmp(line, "VmHWM:", 6) == 0) kib = atol(line + 6);
  fclose(status);
  return kib;
}

static int compare_ll(const void *a, const void *b) {
  long long x = *(const long long *)a, y = *(const long long *)b;
  return (x > y) - (x < y);
}

static int usage(const char *program) {
  fprintf(stderr,
          "usage: %s --url BASE --token TOKEN [--service ID] [--ticket T] [--threads N] [--seconds S]\n"
          "          [--max-calls N] [--t0 MONOTONIC_NS] [--ca CA_FILE] [--call fail|fail-json|authentication]\n",
          program);
  return 2;
}

static int parse_args(int argc, char **argv, bench_args *args) {
  *args = (bench_args){.service = "1000", .ticket = "bench-ticket", .threads = 1, .seconds = 2.0,
                       .max_calls = 100000};
  for (int i = 1; i < argc; i++) {
    const char *key = argv[i];
    if (i + 1 >= argc) return -1;
    const char *value = argv[++i];
    if (strcmp(key, "--url") == 0) args->url = value;
    else if (strcmp(key, "--token") == 0) args->token = value;
    else if (strcmp(key, "--service") == 0) args->service = value;
    else if (strcmp(key, "--ticket") == 0) args->ticket = value;
    else if (strcmp(key, "--threads") == 0) args->threads = atoi(value);
    else if (strcmp(key, "--seconds") == 0) args->seconds = atof(value);
    else if (strcmp(key, "--max-calls") == 0) args->max_calls = atol(value);
    else if (strcmp(key, "--t0") == 0) args->t0_ns = atoll(value);
    else if (strcmp(key, "--ca") == 0) args->ca_file = value;
    else if (strcmp(key, "--call") == 0 && strcmp(value, "fail") == 0) args->call = BENCH_CALL_FAIL;
    else if (strcmp(key, "--call") == 0 && strcmp(value, "fail-json") == 0) args->call = BENCH_CALL_FAIL_JSON;
    else if (strcmp(key, "--call") == 0 && strcmp(value, "authentication") == 0) args->call = BENCH_CALL_AUTHENTICATION;
    else return -1;
  }
  if (args->url == NULL || args->token == NULL || args->threads < 1 || args->threads > MAX_THREADS ||
      args->seconds <= 0 || args->seconds > 600 || args->max_calls < 1 || args->max_calls > 10000000)
    return -1;
  return 0;
}

int bench_main(int argc, char **argv, const bench_ops *ops) {
  bench_args args;
  if (parse_args(argc, argv, &args) != 0) return usage(argv[0]);

  /* Cold start: process start (as the harness saw it) to the first answer, client creation included. */
  int ok = 1;
  void *shared = ops->shared_new(&args, &ok);
  if (!ok) return 1;
  void *first = ops->thread_new(shared, &args);
  if (first == NULL) {
    ops->shared_free(shared);
    return 1;
  }
  if (ops->call(shared, first, &args) != 0) {
    fprintf(stderr, "%s: the first call failed\n", ops->name);
    ops->thread_free(first);
    ops->shared_free(shared);
    return 1;
  }
  long long first_answer_ns = now_ns();
  double cold_ms = args.t0_ns > 0 ? (double)(first_answer_ns - args.t0_ns) / 1e6 : -1;

  worker workers[MAX_THREADS];
  pthread_t ids[MAX_THREADS];
  pthread_barrier_t start;
  pthread_barrier_init(&start, NULL, (unsigned)args.threads + 1);
  int status = 0, started = 0;
  for (int t = 0; t < args.threads; t++) {
    workers[t] = (worker){.ops = ops, .args = &args, .shared = shared, .start = &start};
    workers[t].state = t == 0 ? first : ops->thread_new(shared, &args);
    workers[t].latencies = malloc(sizeof(long long) * (size_t)args.max_calls);
    if (workers[t].state == NULL || workers[t].latencies == NULL) {
      fprintf(stderr, "%s: out of memory or thread state failed\n", ops->name);
      if (t != 0 && workers[t].state != NULL) ops->thread_free(workers[t].state);
      free(workers[t].latencies);
      status = 1;
      break;
    }
    started++;
  }
  if (status != 0) {
    /* Release what was made; no thread has started yet. */
    for (int t = 0; t < started; t++) {
      ops->thread_free(workers[t].state);
      free(workers[t].latencies);
    }
    if (started == 0) ops->thread_free(first);
    pthread_barrier_destroy(&start);
    ops->shared_free(shared);
    return status;
  }
  for (int t = 0; t < args.threads; t++) {
    int error = pthread_create(&ids[t], NULL, worker_run, &workers[t]);
    if (error != 0) {
      fprintf(stderr, "%s: pthread_create: %s\n", ops->name, strerror(error));
      exit(1); /* the barrier cannot be released without every thread */
    }
  }
  long long cpu_before = cpu_us();
  long long t_start = now_ns();
  deadline_ns = t_start + (long long)(args.seconds * 1e9);
  pthread_barrier_wait(&start);
  for (int t = 0; t < args.threads; t++) pthread_join(ids[t], NULL);
  long long t_end = now_ns();
  long long cpu_after = cpu_us();
  pthread_barrier_destroy(&start);

  long calls = 0, errors = 0;
  for (int t = 0; t < args.threads; t++) {
    calls += workers[t].calls;
    errors += workers[t].errors;
  }
  long long *all = malloc(sizeof(long long) * (size_t)(calls > 0 ? calls : 1));
  double p50 = 0, p99 = 0;
  if (all != NULL && calls > 0) {
    long n = 0;
    for (int t = 0; t < args.threads; t++) {
      memcpy(all + n, workers[t].latencies, sizeof(long long) * (size_t)workers[t].calls);
      n += workers[t].calls;
    }
    qsort(all, (size_t)n, sizeof(long long), compare_ll);
    p50 = (double)all[(n - 1) * 50 / 100] / 1e3;
    p99 = (double)all[(n - 1) * 99 / 100] / 1e3;
  }
  free(all);
  for (int t = 0; t < args.threads; t++) {
    ops->thread_free(workers[t].state);
    free(workers[t].latencies);
  }
  ops->shared_free(shared);

  double seconds = (double)(t_end - t_start) / 1e9;
  printf("{\"client\":\"%s\",\"threads\":%d,\"calls\":%ld,\"errors\":%ld,\"seconds\":%.4f,\"calls_per_s\":%.1f,"
         "\"p50_us\":%.1f,\"p99_us\":%.1f,\"cpu_us_per_call\":%.2f,\"maxrss_kib\":%ld,\"cold_ms\":%.3f}\n",
         ops->name, args.threads, calls, errors, seconds, calls / seconds, p50, p99,
         calls > 0 ? (double)(cpu_after - cpu_before) / (double)calls : 0.0, peak_rss_kib(), cold_ms);
  fflush(stdout);
  return errors == 0 && calls > 0 ? 0 : 1;
}
