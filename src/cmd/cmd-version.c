/* cmd-version.c: `yourside version`: the version and the libraries it was built with */
#include <git2.h>
#include <hs/hs.h>
#include <stdio.h>
#include <string.h>
#include "cmd.h"
#include "detect/ranges.h"
#include "banned.h"

extern const struct ys_cmd ys_cmd_version;

static int run(int argc, char **argv)
{
	struct ys_aws_ranges aws;
	struct ys_error err = {0};
	char what[600];
	int maj, min, rev;

	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs(ys_cmd_version.usage, stdout);
		return YS_EXIT_CLEAN;
	}
	if (argc > 1)
		return ys_die_usage("version takes no arguments");
	git_libgit2_version(&maj, &min, &rev);
	printf("yourside %s (vectorscan %s, libgit2 %d.%d.%d)\n", YS_VERSION, hs_version(), maj,
	       min, rev);
	if (ys_aws_ranges_builtin(&aws, &err) == 0) {
		ys_aws_ranges_describe(&aws, what, sizeof(what));
		printf("AWS's address ranges: %s, %zu networks\n", what, aws.set.n);
	}
	ys_aws_ranges_release(&aws);
	return YS_EXIT_CLEAN;
}

const struct ys_cmd ys_cmd_version = {
	.name = "version",
	.summary = "print the version",
	.usage = "usage: yourside version\n"
		 "       yourside --version\n",
	.run = run,
};
