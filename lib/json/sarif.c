/* sarif.c: the frame of a SARIF 2.1.0 log with one run of yourside */
#include "sarif.h"
#include "../banned.h"

void ys_sarif_begin(struct jw *w, struct strbuf *sb)
{
	jw_init(w, sb, 1);
	jw_obj_begin(w);
	jw_key(w, "$schema");
	jw_str(w, "https://json.schemastore.org/sarif-2.1.0.json");
	jw_key(w, "version");
	jw_str(w, "2.1.0");
	jw_key(w, "runs");
	jw_arr_begin(w);
	jw_obj_begin(w);
	jw_key(w, "tool");
	jw_obj_begin(w);
	jw_key(w, "driver");
	jw_obj_begin(w);
	jw_key(w, "name");
	jw_str(w, "yourside");
	jw_key(w, "semanticVersion");
	jw_str(w, YS_VERSION);
	jw_key(w, "informationUri");
	jw_str(w, "https://github.com/yourside/yourside");
}

void ys_sarif_results(struct jw *w)
{
	jw_obj_end(w);
	jw_obj_end(w);
	jw_key(w, "results");
	jw_arr_begin(w);
}

void ys_sarif_end(struct jw *w)
{
	jw_arr_end(w);
	jw_obj_end(w);
	jw_arr_end(w);
	jw_obj_end(w);
	strbuf_addch(w->sb, '\n');
}
