/*
 * Linked into every fuzzer with -rdynamic, so that these definitions interpose on libc's for libauthlete and
 * libcurl: the fuzzed functions (request building and validation, response parsing, configuration parsing) must
 * never resolve a name or open a connection. Reaching one of these is a crash, hence a fuzzing failure.
 */
#define _GNU_SOURCE
#include <netdb.h>
#include <stdlib.h>
#include <sys/socket.h>

int connect(int fd, const struct sockaddr *address, socklen_t length) {
  (void)fd;
  (void)address;
  (void)length;
  abort();
}

int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints, struct addrinfo **result) {
  (void)node;
  (void)service;
  (void)hints;
  (void)result;
  abort();
}
