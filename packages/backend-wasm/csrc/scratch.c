#include "common.h"

float *g_scratch[MAX_THREADS];
int g_scratch_bytes[MAX_THREADS];

/* Called once per thread slot at start-up (and again when a kernel needs more scratch). */
EXPORT(snn_set_scratch) void snn_set_scratch(int slot, float *ptr, int bytes) {
  g_scratch[slot] = ptr;
  g_scratch_bytes[slot] = bytes;
}
