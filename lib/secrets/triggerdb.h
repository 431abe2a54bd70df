/* triggerdb.h: the built-in detectors' trigger database, compiled when yourside was built
 * (cmake/make-trigger-db.c writes it; ruleset.c loads it when the key matches) */
#ifndef YS_SECRETS_TRIGGERDB_H
#define YS_SECRETS_TRIGGERDB_H

#include <stddef.h>
#include "mpm.h"

extern const unsigned char ys_trigger_db_key[YS_MPM_KEY_LEN];
extern const unsigned char ys_trigger_db[];
extern const size_t ys_trigger_db_len; /* 0: none, every run compiles */

#endif
