/* sink-ledger.c: each alert appended to the state's signed log in the transaction that raises it */
#include <stdlib.h>
#include "../base/sign.h"
#include "../store/ledger.h"
#include "sink.h"
#include "../banned.h"

struct ledger_sink {
	struct ys_sink base;
	struct ys_ledger *ledger;
	struct ys_signkey *key;
};

static int ledger_add(struct ys_sink *s, const char *id, const char *json, size_t len, int rank,
		      int64_t now, struct ys_error *err)
{
	struct ledger_sink *l = (struct ledger_sink *)s;

	(void)id;
	(void)rank;
	return ys_ledger_append(l->ledger, l->key, now, "alert", json, len, err);
}

static void ledger_flush(struct ys_sink *s, int64_t now, int all)
{
	(void)s;
	(void)now;
	(void)all; /* the transaction's commit is the log's */
}

static void ledger_free(struct ys_sink *s)
{
	struct ledger_sink *l = (struct ledger_sink *)s;

	ys_ledger_close(l->ledger);
	ys_signkey_free(l->key);
	free(l);
}

static const struct ys_sink_ops ledger_ops = {"ledger", ledger_add, ledger_flush, ledger_free};

int ys_sink_ledger_new(struct ys_sql *db, const char *shown, struct ys_signkey *key,
		       struct ys_sink **out, struct ys_error *err)
{
	struct ledger_sink *l = calloc(1, sizeof(*l));
	int rc;

	*out = NULL;
	if (!l) {
		ys_signkey_free(key);
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	l->base.ops = &ledger_ops;
	l->key = key;
	if ((rc = ys_ledger_attach(db, shown, &l->ledger, err))) {
		ledger_free(&l->base);
		return rc;
	}
	*out = &l->base;
	return 0;
}
