/* make-trigger-db.c: run at build time, compiles the built-in detectors' triggers into one
 * vectorscan database and writes it as a C file (trigger-db.c), so yourside loads it at start
 * instead of compiling it on every run; usage: make-trigger-db OUT.c */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "secrets/scan.h"
#include "secrets/triggerdb.h"

/* this program itself has no database: its ruleset compiles */
const unsigned char ys_trigger_db_key[YS_MPM_KEY_LEN] = {0};
const unsigned char ys_trigger_db[1] = {0};
const size_t ys_trigger_db_len = 0;

int main(int argc, char **argv)
{
	struct ys_secret_ruleset *rs = NULL;
	struct ys_error err = {0};
	unsigned char key[YS_MPM_KEY_LEN];
	char *bytes = NULL, tmp[4096];
	size_t len = 0, i;
	FILE *f;
	int ok;

	if (argc != 2) {
		fprintf(stderr, "usage: make-trigger-db OUT.c\n");
		return 2;
	}
	if (ys_secret_ruleset_new(&rs, &ys_mpm_vectorscan, &err) ||
	    ys_secret_ruleset_save(rs, key, &bytes, &len)) {
		fprintf(stderr, "make-trigger-db: %s\n", err.msg[0] ? err.msg : "cannot save the database");
		ys_secret_ruleset_free(rs);
		return 1;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", argv[1]);
	if (!(f = fopen(tmp, "w"))) {
		perror(tmp);
		free(bytes);
		ys_secret_ruleset_free(rs);
		return 1;
	}
	fprintf(f, "/* trigger-db.c: written by make-trigger-db at build time: the built-in detectors' "
		   "vectorscan database (%zu bytes) */\n#include <stddef.h>\n\n"
		   "const unsigned char ys_trigger_db_key[32] = {",
		len);
	for (i = 0; i < YS_MPM_KEY_LEN; i++)
		fprintf(f, "%s%u", i ? "," : "", key[i]);
	fprintf(f, "};\nconst size_t ys_trigger_db_len = %zu;\n"
		   "const unsigned char ys_trigger_db[%zu] = {",
		len, len);
	for (i = 0; i < len; i++)
		fprintf(f, "%s%s%u", i ? "," : "", i % 24 ? "" : "\n", (unsigned char)bytes[i]);
	fprintf(f, "\n};\n");
	ok = !ferror(f);
	ok &= fclose(f) == 0;
	free(bytes);
	ys_secret_ruleset_free(rs);
	if (!ok || rename(tmp, argv[1])) {
		perror(argv[1]);
		return 1;
	}
	return 0;
}
