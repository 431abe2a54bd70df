/* jansson-lines.c: the benchmark anchor "parse it with jansson alone": every line of a JSON
 * Lines file parsed into a jansson tree and freed (the fastest way jansson reads such a file) */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	FILE *f = argc > 1 ? fopen(argv[1], "r") : NULL;
	char *line = NULL;
	size_t cap = 0, n = 0, bad = 0;
	ssize_t len;

	if (!f) {
		fprintf(stderr, "usage: jansson-lines FILE.jsonl\n");
		return 2;
	}
	while ((len = getline(&line, &cap, f)) > 0) {
		json_error_t err;
		json_t *v = json_loadb(line, (size_t)len, 0, &err);

		if (v)
			n++;
		else
			bad++;
		json_decref(v);
	}
	free(line);
	fclose(f);
	printf("%zu records, %zu bad\n", n, bad);
	return 0;
}
