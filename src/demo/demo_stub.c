/* placeholder until implemented */
#include "demo/demo.h"
int demo_snapshot(unsigned seed, json_t **out, struct mm_err *err)
{ (void)seed; (void)out; return mm_err_set(err, 3, "未実装"); }
