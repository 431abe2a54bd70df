/* fuzz-secrets-config.c: a gitleaks configuration from arbitrary bytes; when it loads, its rules
 * and allowlists run over a small text that holds something for most of them */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "secrets/config.h"
#include "secrets/scan.h"

static const char text[] = "token = \"ghp_aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5\"\n"
			   "password: s3cr3t-Pa55w0rd-xyz\nacme_k3j4h5g6f7d8s9a0\n";

static int on_hit(void *ctx, const struct ys_secret_hit *h)
{
	(void)ctx;
	if (!h->secret || h->line == 0 || h->column == 0)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ys_secret_config *cfg = NULL;
	struct ys_secret_ruleset *rs = NULL;
	struct ys_secret_scanner *sc = NULL;
	struct ys_error err = {0};

	if (ys_secret_config_parse((const char *)data, size, "fuzz.toml", &cfg, &err))
		return 0;
	if (ys_secret_ruleset_new_config(&rs, &ys_mpm_pcre, cfg, &err))
		return 0;
	if (!ys_secret_scanner_new(rs, &sc)) {
		ys_secret_scanner_context(sc, "src/app/config.py", "0123456789abcdef0123456789abcdef01234567");
		ys_secret_scan_mem(sc, text, sizeof(text) - 1, on_hit, NULL);
		ys_secret_scanner_free(sc);
	}
	ys_secret_ruleset_free(rs);
	return 0;
}
