/* fuzz-iam-eval.c: policy test files on arbitrary bytes: every set that reads is compiled and
 * each of its requests decided with explanations, so the condition compiler, the variable
 * expander, the globbing and the evaluator all see the fuzzer's input */
#include <stdint.h>
#include <stdlib.h>
#include "iam/simfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ys_simfile f;
	struct ys_error err = {0};
	char msg[256];
	size_t i, j;

	if (ys_simfile_load((const char *)data, size, &f, &err))
		return 0;
	for (i = 0; i < f.nsets; i++)
		for (j = 0; !f.sets[i].broken && j < f.sets[i].nreq; j++) {
			struct ys_decision d, fast;

			if (ys_eval(&f.sets[i].ps, &f.sets[i].req[j].req, 1, &d))
				continue;
			ys_simreq_check(&f.sets[i].req[j], &d, msg, sizeof(msg));
			/* stopping at the first deny must not change the verdict */
			if (ys_eval(&f.sets[i].ps, &f.sets[i].req[j].req, 0, &fast) || fast.verdict != d.verdict)
				abort();
		}
	ys_simfile_release(&f);
	return 0;
}
