/* snapshot.c: reading an account snapshot's files on demand, each parsed once and kept */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "snapshot.h"
#include "../base/dir.h"
#include "../base/file.h"
#include "../base/grow.h"
#include "../base/hash.h"
#include "../base/isotime.h"
#include "../banned.h"

/* The largest file read: an organisation's authorization details run to hundreds of MB. */
#define SNAP_MAX_FILE ((size_t)2 << 30)

struct entry {
	struct ys_snap_file f;
	uint64_t h;
	struct ys_jdoc *doc;
	char *text; /* the file's bytes (ys_snapshot_text), or NULL */
	size_t len;
	int text_rc; /* ys_snapshot_text's answer once asked */
	char *owned[3]; /* rel, why, and the error file's strings when they had to be copied */
};

/* What a call is when there was no memory to look for it. */
static const struct ys_snap_file nomem = {YS_SNAP_BAD, "", NULL, NULL, NULL, "out of memory"};

struct ys_snapshot {
	char *dir;
	struct entry **slots; /* open addressing by the hash of rel */
	size_t nslots, used;
	char **regions;
	size_t nregions, cap_regions;
	char **problems;
	size_t nproblems, cap_problems;
	int account_done, time_done;
	const char *account;
	int64_t time;
	/* the folders read from, open and listed: opening a file by its short name under its
	 * folder spares the kernel walking the whole path, and a file that is not there costs no
	 * system call at all */
	struct folder *folders;
	size_t nfolders, cap_folders, last;
};

#define MAX_OPEN_FOLDERS 512

struct folder {
	char *rel;
	int fd;	      /* -1: not kept open (use the whole path); -2: the folder is not there */
	char **names; /* sorted */
	size_t nnames;
	int listed;
};

/* a + b + c in new memory, or NULL */
static char *cat3(const char *a, const char *b, const char *c)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
	char *p = malloc(la + lb + lc + 1);

	if (p) {
		memcpy(p, a, la);
		memcpy(p + la, b, lb);
		memcpy(p + la + lb, c, lc + 1);
	}
	return p;
}

static void problem(struct ys_snapshot *s, const char *msg)
{
	char *m = strdup(msg);

	if (!m || ys_grow(&s->problems, &s->cap_problems, s->nproblems, sizeof(char *), 8)) {
		free(m);
		return;
	}
	s->problems[s->nproblems++] = m;
}

int ys_snapshot_is_region(const char *name)
{
	const char *p = name;
	int words = 0;

	/* af-south-1, us-gov-west-1, ap-southeast-5, eusc-de-east-1 */
	for (;;) {
		const char *w = p;

		while (*p >= 'a' && *p <= 'z')
			p++;
		if (p == w)
			break;
		words++;
		if (*p != '-')
			return 0;
		p++;
	}
	if (words < 2 || *p < '1' || *p > '9')
		return 0;
	while (*p >= '0' && *p <= '9')
		p++;
	return *p == '\0';
}

void ys_snapshot_escape(const char *name, char *out)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)name;

	for (; *p; p++) {
		if (*p == '%' || *p == '/' || *p < 0x21 || *p > 0x7e || (p == (const unsigned char *)name && *p == '.')) {
			*out++ = '%';
			*out++ = hex[*p >> 4];
			*out++ = hex[*p & 15];
		} else {
			*out++ = (char)*p;
		}
	}
	*out = '\0';
}

static void find_regions(struct ys_snapshot *s)
{
	char **names;
	size_t n, i;

	if (ys_dir_names(s->dir, &names, &n) < 0)
		return;
	for (i = 0; i < n; i++) {
		struct stat st;
		char *path;
		int isdir;

		if (!(path = cat3(s->dir, "/", names[i])))
			continue;
		isdir = !stat(path, &st) && S_ISDIR(st.st_mode);
		free(path);
		if (!isdir || !strcmp(names[i], "global"))
			continue;
		if (!ys_snapshot_is_region(names[i])) {
			char msg[600];

			snprintf(msg, sizeof(msg), "'%s/%s': not a region's name, skipped", s->dir,
				 names[i]);
			problem(s, msg);
			continue;
		}
		if (ys_grow(&s->regions, &s->cap_regions, s->nregions, sizeof(char *), 32))
			break;
		s->regions[s->nregions++] = names[i];
		names[i] = NULL;
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static int open_dir(const char *dir, int regions, struct ys_snapshot **out, struct ys_error *err)
{
	struct ys_snapshot *s;
	struct stat st;
	size_t n = strlen(dir);

	if (stat(dir, &st) < 0)
		return ys_error_set(err, YS_EIO, "cannot read '%s': %s", dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return ys_error_set(err, YS_EINVAL, "'%s' is not a snapshot directory", dir);
	if (!(s = calloc(1, sizeof(*s))) || !(s->dir = strdup(dir)) ||
	    !(s->slots = calloc(s->nslots = 256, sizeof(*s->slots)))) {
		ys_snapshot_free(s);
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	while (n > 1 && s->dir[n - 1] == '/')
		s->dir[--n] = '\0';
	s->time = -1;
	if (regions)
		find_regions(s);
	*out = s;
	return 0;
}

int ys_snapshot_open(const char *dir, struct ys_snapshot **out, struct ys_error *err)
{
	return open_dir(dir, 1, out, err);
}

int ys_snapshot_open_calls(const char *dir, struct ys_snapshot **out, struct ys_error *err)
{
	return open_dir(dir, 0, out, err);
}

static void entry_free(struct entry *e)
{
	int i;

	if (!e)
		return;
	ys_jdoc_free(e->doc);
	free(e->text);
	for (i = 0; i < 3; i++)
		free(e->owned[i]);
	free(e);
}

void ys_snapshot_free(struct ys_snapshot *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; s->slots && i < s->nslots; i++)
		entry_free(s->slots[i]);
	free(s->slots);
	for (i = 0; i < s->nregions; i++)
		free(s->regions[i]);
	free(s->regions);
	for (i = 0; i < s->nproblems; i++)
		free(s->problems[i]);
	free(s->problems);
	for (i = 0; i < s->nfolders; i++) {
		if (s->folders[i].fd >= 0)
			close(s->folders[i].fd);
		if (s->folders[i].listed)
			ys_dir_names_free(s->folders[i].names, s->folders[i].nnames);
		free(s->folders[i].rel);
	}
	free(s->folders);
	free(s->dir);
	free(s);
}

const char *ys_snapshot_dir(const struct ys_snapshot *s)
{
	return s->dir;
}

static int grow_slots(struct ys_snapshot *s)
{
	size_t n = s->nslots * 2, i;
	struct entry **slots = calloc(n, sizeof(*slots));

	if (!slots)
		return YS_ENOMEM;
	for (i = 0; i < s->nslots; i++) {
		struct entry *e = s->slots[i];
		size_t j;

		if (!e)
			continue;
		for (j = e->h & (n - 1); slots[j]; j = (j + 1) & (n - 1))
			;
		slots[j] = e;
	}
	free(s->slots);
	s->slots = slots;
	s->nslots = n;
	return 0;
}

/* The entry for rel, made (empty, status MISSING) when new; NULL only without memory. */
static struct entry *lookup(struct ys_snapshot *s, const char *rel, int *fresh)
{
	uint64_t h = ys_hash_str(YS_HASH_SEED, rel);
	size_t j;
	struct entry *e;

	*fresh = 0;
	for (j = h & (s->nslots - 1); (e = s->slots[j]); j = (j + 1) & (s->nslots - 1))
		if (e->h == h && !strcmp(e->f.rel, rel))
			return e;
	if ((s->used + 1) * 4 > s->nslots * 3) {
		if (grow_slots(s))
			return NULL;
		for (j = h & (s->nslots - 1); s->slots[j]; j = (j + 1) & (s->nslots - 1))
			;
	}
	if (!(e = calloc(1, sizeof(*e))) || !(e->owned[0] = strdup(rel))) {
		free(e);
		return NULL;
	}
	e->h = h;
	e->f.rel = e->owned[0];
	e->f.status = YS_SNAP_MISSING;
	e->text_rc = 1; /* not asked yet */
	s->slots[j] = e;
	s->used++;
	*fresh = 1;
	return e;
}

static void set_bad(struct ys_snapshot *s, struct entry *e, const char *msg)
{
	e->f.status = YS_SNAP_BAD;
	e->owned[1] = strdup(msg);
	e->f.why = e->owned[1] ? e->owned[1] : "out of memory";
	problem(s, e->f.why);
}

/* The folder of rel (rel up to its last '/', "" for the snapshot's own), open and listed, or
 * NULL without memory. */
static struct folder *folder_of(struct ys_snapshot *s, const char *rel, size_t dirlen)
{
	struct folder *f;
	char *path;
	size_t i;

	for (i = 0; i < s->nfolders; i++) {
		f = &s->folders[(s->last + i) % s->nfolders];
		if (strlen(f->rel) == dirlen && !strncmp(f->rel, rel, dirlen)) {
			s->last = (s->last + i) % s->nfolders;
			return f;
		}
	}
	if (ys_grow(&s->folders, &s->cap_folders, s->nfolders, sizeof(*s->folders), 16))
		return NULL;
	f = memset(&s->folders[s->nfolders], 0, sizeof(*f));
	if (!(f->rel = strndup(rel, dirlen)) || !(path = cat3(s->dir, dirlen ? "/" : "", f->rel))) {
		free(f->rel);
		return NULL;
	}
	f->fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (f->fd < 0) {
		f->fd = errno == ENOENT || errno == ENOTDIR ? -2 : -1;
	} else {
		f->listed = ys_dir_names(path, &f->names, &f->nnames) == 0;
		if (s->nfolders >= MAX_OPEN_FOLDERS) {
			close(f->fd);
			f->fd = -1;
		}
	}
	free(path);
	s->last = s->nfolders++;
	return f;
}

/* Whether the folder holds name (when it could not be listed: maybe). */
static int listed(const struct folder *f, const char *name)
{
	size_t lo = 0, hi = f->nnames;

	if (!f->listed)
		return 1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(f->names[mid], name);

		if (!c)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Parses the JSON of name (under its folder dir, or NULL for path alone; path names it in
 * messages) into e; 0, or -1 when the file is not there. */
static int load_json(struct ys_snapshot *s, struct entry *e, const struct folder *dir,
		     const char *name, const char *path, int refusal)
{
	int dirfd = dir && dir->fd >= 0 ? dir->fd : AT_FDCWD;
	struct ys_error err = {0};
	char *buf;
	size_t len;
	char msg[800];
	int rc;

	if (dir && (dir->fd == -2 || !listed(dir, name)))
		return -1;
	if ((rc = ys_read_fileat(dirfd, dirfd == AT_FDCWD ? path : name, path, SNAP_MAX_FILE, &buf,
				 &len, &err))) {
		if (rc == YS_ENOTFOUND)
			return -1;
		set_bad(s, e, err.msg);
		return 0;
	}
	if (len == 0)
		rc = ys_error_set(&err, YS_EPARSE, "empty file");
	else
		rc = ys_json_parse(buf, len, &e->doc, &err);
	free(buf);
	if (rc) {
		snprintf(msg, sizeof(msg), "cannot read '%s': %s", path, err.msg);
		set_bad(s, e, msg);
		return 0;
	}
	e->f.root = ys_jdoc_root(e->doc);
	e->f.status = YS_SNAP_OK;
	if (refusal) {
		/* {"Code": ..., "Message": ...}, also inside "Error", or JSON protocols' __type */
		const struct ys_jval *r = e->f.root, *in = ys_json_get(r, "Error");
		const char *code, *m;

		if (in && in->type == YS_J_OBJECT)
			r = in;
		code = ys_json_str(ys_json_get(r, "Code"));
		if (!code)
			code = ys_json_str(ys_json_get(r, "code"));
		if (!code)
			code = ys_json_str(ys_json_get(r, "__type"));
		m = ys_json_str(ys_json_get(r, "Message"));
		if (!m)
			m = ys_json_str(ys_json_get(r, "message"));
		e->f.status = YS_SNAP_REFUSED;
		e->f.code = code && *code ? code : "Unknown";
		e->f.message = m ? m : "";
		e->f.root = NULL;
	}
	return 0;
}

const struct ys_snap_file *ys_snapshot_get(struct ys_snapshot *s, const char *rel)
{
	int fresh;
	struct entry *e = lookup(s, rel, &fresh);
	char *path, *base, *file;
	const char *slash, *name;
	struct folder *fd;

	if (!e)
		return &nomem;
	if (!fresh)
		return &e->f;
	if (!(base = cat3(s->dir, "/", rel)) || !(path = cat3(base, ".json", ""))) {
		free(base);
		return &nomem;
	}
	slash = strrchr(rel, '/');
	name = slash ? slash + 1 : rel;
	fd = folder_of(s, rel, slash ? (size_t)(slash - rel) : 0);
	if (!(file = cat3(name, ".json", ""))) {
		free(base);
		free(path);
		return &nomem;
	}
	if (load_json(s, e, fd, file, path, 0) < 0) {
		free(path);
		free(file);
		if (!(path = cat3(base, ".error.json", "")) || !(file = cat3(name, ".error.json", ""))) {
			free(path);
			free(base);
			return &nomem;
		}
		if (load_json(s, e, fd, file, path, 1) < 0)
			e->f.status = YS_SNAP_MISSING;
	}
	free(file);
	free(path);
	free(base);
	return &e->f;
}

const struct ys_snap_file *ys_snapshot_get_res(struct ys_snapshot *s, const char *rel,
					       const char *resource)
{
	size_t n = strlen(rel), k = strlen(resource);
	char *full = malloc(n + 3 * k + 2);
	const struct ys_snap_file *f;

	if (!full)
		return &nomem;
	memcpy(full, rel, n);
	full[n] = '/';
	ys_snapshot_escape(resource, full + n + 1);
	f = ys_snapshot_get(s, full);
	free(full);
	return f;
}

int ys_snapshot_text(struct ys_snapshot *s, const char *relfile, const char **text, size_t *len,
		     struct ys_error *err)
{
	char key[1024], *path;
	int fresh, rc;
	struct entry *e;

	/* kept under a name no JSON call can have */
	snprintf(key, sizeof(key), "\x01%s", relfile);
	if (!(e = lookup(s, key, &fresh)))
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	if (e->text_rc == 1) {
		if (!(path = cat3(s->dir, "/", relfile)))
			return ys_error_set(err, YS_ENOMEM, "out of memory");
		rc = ys_read_fileat(AT_FDCWD, path, path, SNAP_MAX_FILE, &e->text, &e->len, err);
		if (rc && rc != YS_ENOTFOUND)
			set_bad(s, e, err->msg);
		free(path);
		e->text_rc = rc;
	}
	if (e->text_rc == YS_ENOTFOUND)
		return YS_ENOTFOUND;
	if (e->text_rc)
		return ys_error_set(err, e->text_rc, "%s", e->f.why ? e->f.why : "cannot read");
	*text = e->text;
	*len = e->len;
	return 0;
}

size_t ys_snapshot_regions(const struct ys_snapshot *s, const char *const **names)
{
	*names = (const char *const *)s->regions;
	return s->nregions;
}

const char *ys_snapshot_account(struct ys_snapshot *s)
{
	if (!s->account_done) {
		const struct ys_snap_file *f = ys_snapshot_get(s, "account");

		s->account_done = 1;
		if (f->status == YS_SNAP_OK)
			s->account = ys_json_str(ys_json_get(f->root, "Account"));
	}
	return s->account;
}

int64_t ys_snapshot_time(struct ys_snapshot *s)
{
	if (!s->time_done) {
		const struct ys_snap_file *f = ys_snapshot_get(s, "snapshot");

		s->time_done = 1;
		if (f->status == YS_SNAP_OK)
			s->time = ys_time_parse(ys_json_str(ys_json_get(f->root, "time")));
	}
	return s->time;
}

size_t ys_snapshot_problems(const struct ys_snapshot *s, const char *const **msgs)
{
	*msgs = (const char *const *)s->problems;
	return s->nproblems;
}

/* awscli's service names where IAM's prefix differs */
static const char *const service_prefix[][2] = {
	{"accessanalyzer", "access-analyzer"}, {"configservice", "config"}, {"s3api", "s3"},
	{"s3control", "s3"}, {"elbv2", "elasticloadbalancing"}, {"elb", "elasticloadbalancing"},
	{"logs", "logs"}, {"securityhub", "securityhub"}, {"opensearch", "es"},
	{"efs", "elasticfilesystem"},
};

/* operations whose permission is not the operation's name */
static const char *const op_permission[][2] = {
	{"s3/list-buckets", "s3:ListAllMyBuckets"},
	{"s3/get-public-access-block", "s3:GetBucketPublicAccessBlock"},
	{"s3control/get-public-access-block", "s3:GetAccountPublicAccessBlock"},
	{"s3/get-bucket-encryption", "s3:GetEncryptionConfiguration"},
	{"s3/get-object-lock-configuration", "s3:GetBucketObjectLockConfiguration"},
	{"s3/get-bucket-replication", "s3:GetReplicationConfiguration"},
	{"s3/get-bucket-lifecycle-configuration", "s3:GetLifecycleConfiguration"},
	{"iam/credential-report", "iam:GetCredentialReport"},
	{"iam/get-credential-report", "iam:GetCredentialReport"},
	/* API Gateway's permissions are HTTP methods on its resources */
	{"apigateway/get-rest-apis", "apigateway:GET"},
	{"apigateway/get-stages", "apigateway:GET"},
	{"apigatewayv2/get-apis", "apigateway:GET"},
	{"apigatewayv2/get-routes", "apigateway:GET"},
	{"apigatewayv2/get-stages", "apigateway:GET"},
	{"inspector2/batch-get-account-status", "inspector2:BatchGetAccountStatus"},
};

void ys_snapshot_permission(const char *rel, char *out, size_t n)
{
	const char *svc, *op, *end;
	char key[128], prefix[64];
	size_t i, k = 0, sl, ol;

	/* <region or global>/<service>/<operation>[/<resource>] */
	if (!(svc = strchr(rel, '/')) || !(op = strchr(++svc, '/'))) {
		snprintf(out, n, "?");
		return;
	}
	sl = (size_t)(op - svc);
	op++;
	end = strchr(op, '/');
	ol = end ? (size_t)(end - op) : strlen(op);
	snprintf(key, sizeof(key), "%.*s/%.*s", (int)sl, svc, (int)ol, op);
	for (i = 0; i < sizeof(op_permission) / sizeof(op_permission[0]); i++)
		if (!strcmp(key, op_permission[i][0])) {
			snprintf(out, n, "%s", op_permission[i][1]);
			return;
		}
	snprintf(prefix, sizeof(prefix), "%.*s", (int)sl, svc);
	for (i = 0; i < sizeof(service_prefix) / sizeof(service_prefix[0]); i++)
		if (!strcmp(prefix, service_prefix[i][0]))
			snprintf(prefix, sizeof(prefix), "%s", service_prefix[i][1]);
	k = (size_t)snprintf(out, n, "%s:", prefix);
	if (k >= n)
		return;
	/* kebab-case back to the API's name: words capitalised, acronyms whole */
	for (i = 0; i < ol && k + 1 < n;) {
		static const char *const acronyms[] = {"mfa", "db", "saml", "ssh", "id"};
		size_t w = strcspn(op + i, "-/"), j, a;

		if (w > ol - i)
			w = ol - i;
		for (a = 0; a < sizeof(acronyms) / sizeof(acronyms[0]); a++)
			if (strlen(acronyms[a]) == w && !strncmp(op + i, acronyms[a], w))
				break;
		for (j = 0; j < w && k + 1 < n; j++)
			out[k++] = (char)(a < sizeof(acronyms) / sizeof(acronyms[0]) || !j
						  ? toupper((unsigned char)op[i + j])
						  : op[i + j]);
		i += w + 1;
	}
	if (k < n)
		out[k] = '\0';
}

void ys_snapshot_problem(struct ys_snapshot *s, const char *msg)
{
	size_t i;

	/* several checks read the same file: its trouble is told once */
	for (i = 0; i < s->nproblems; i++)
		if (!strcmp(s->problems[i], msg))
			return;
	problem(s, msg);
}
