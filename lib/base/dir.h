/* dir.h: a directory's entry names, sorted, so that what is walked never depends on the file
 * system's order; and name endings */
#ifndef YS_DIR_H
#define YS_DIR_H

#include <stddef.h>

/* The names in dir but "." and those starting with "." (hidden), sorted bytewise. Returns 0, or
 * -1 with errno set when dir cannot be read. Free with ys_dir_names_free. */
int ys_dir_names(const char *dir, char ***names, size_t *n);
void ys_dir_names_free(char **names, size_t n);
/* An entry of a directory as reading it tells: its name, its type (DT_REG, DT_DIR, DT_LNK, ...,
 * DT_UNKNOWN when the file system does not say) and its inode; a walk needs no stat for most. */
struct ys_dirent {
	char *name;
	unsigned char type;
	unsigned long long ino;
};

/* The entries of the directory open as dfd (left open), as ys_dir_names: hidden names left
 * out, sorted bytewise. Returns 0, or -1 with errno set. Free with ys_dir_entries_free. */
int ys_dir_entries(int dfd, struct ys_dirent **v, size_t *n);
void ys_dir_entries_free(struct ys_dirent *v, size_t n);
/* The regular files under dir, by their paths inside it ("a/b/c.json"), sorted bytewise; hidden
 * names left out; folders followed at most max_depth levels down. A folder below dir that
 * cannot be read is passed over and counted in *unreadable (when not NULL), the first of them
 * said in *first_unreadable ("<path>: <reason>", when not NULL; free it). Returns 0, or -1 with errno set when dir
 * itself cannot be read or memory runs out. Free the list with ys_dir_names_free. */
int ys_dir_files(const char *dir, int max_depth, char ***rels, size_t *n, size_t *unreadable,
		 char **first_unreadable);
/* True when name ends with one of the NULL-terminated endings (and is longer than it). */
int ys_name_ends(const char *name, const char *const *endings);

#endif
