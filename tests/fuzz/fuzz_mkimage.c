/*
 * fuzz_mkimage.c - libFuzzer target: mkimage's manifest reader
 * (mkimage/mkimage.c): lines, fields, numbers, paths, the checks on
 * parents and duplicates, and the cpio archive written from them.
 *
 * The input is written as a manifest file in the target's temporary
 * directory, beside one small file it may name; mkimage reads it, sorts
 * and checks the entries, and writes the archive and the depfile to
 * /dev/null. The archive is written only when every file entry names a
 * file in that directory, so no host file is ever read. mkimage.c is
 * compiled into this file with its main renamed (-Dmain=mkimage_main).
 */
#include "harness.h"

#include "../../mkimage/mkimage.c"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *manifest_path;

/*
 * read_manifest's line reader keeps a buffer of 64 KiB that a die leaves
 * behind (exit would free it): the target is linked with
 * --wrap=lines_next and --wrap=lines_free to know it, and frees it.
 */
static char *reader_buf;

ssize_t __real_lines_next(struct lines *lines, char **line);
ssize_t __wrap_lines_next(struct lines *lines, char **line);
void __real_lines_free(struct lines *lines);
void __wrap_lines_free(struct lines *lines);

ssize_t
__wrap_lines_next(struct lines *lines, char **line)
{
	ssize_t len = __real_lines_next(lines, line);

	reader_buf = lines->buf;
	return len;
}

void
__wrap_lines_free(struct lines *lines)
{
	reader_buf = NULL;
	__real_lines_free(lines);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	prog_init("mkimage");
	harness_reset_stdout();
	free(harness_temp_file("f", "a file\n", 7));
	return 0;
}

/* Is every file entry's source a plain name in our directory? */
static int
sources_are_ours(void)
{
	const char *dir = harness_tempdir();
	size_t dir_len = strlen(dir);

	for (size_t i = 0; i < entry_count; i++) {
		const char *source = entries[i].source;

		if (!S_ISREG(entries[i].mode))
			continue;
		if (strncmp(source, dir, dir_len) != 0 ||
		    source[dir_len] != '/' || strchr(source + dir_len + 1, '/'))
			return 0;
	}
	return 1;
}

static int
run_mkimage(void *arg)
{
	char *manifests[] = {manifest_path, NULL};
	struct out depfile = {0};

	(void)arg;
	read_manifest(manifest_path);
	if (entry_count > 0)
		qsort(entries, entry_count, sizeof(*entries), compare_entries);
	validate();
	if (!sources_are_ours())
		return 0;
	out_init(&image, open("/dev/null", O_WRONLY));
	image_len = 0;
	write_image(0);
	out_flush(&image);
	close(image.fd);
	out_init(&depfile, open("/dev/null", O_WRONLY));
	write_depfile(&depfile, "out.cpio", manifests);
	out_flush(&depfile);
	close(depfile.fd);
	free(depfile.buf);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	manifest_path = harness_temp_file("manifest", data, size);
	harness_call(run_mkimage, NULL);
	free(reader_buf);
	reader_buf = NULL;
	// parse_line keeps the array's size to itself: keep the array,
	// empty it.
	for (size_t i = 0; i < entry_count; i++) {
		free(entries[i].path);
		free(entries[i].source);
	}
	entry_count = 0;
	free(manifest_path);
	return 0;
}
