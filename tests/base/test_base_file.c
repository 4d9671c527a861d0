/*
 * test_base_file.c: every input is opened through file_open, which
 * refuses a folder, a FIFO (at once, never waiting for a writer), a
 * device and a file over its size limit, each with a message that says
 * what the path is; and a UTF-8 byte-order mark is recognised.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../harness.h"
#include "base/file.h"
#include "base/utf8.h"

int main(void)
{
    char dir[] = "/tmp/briefc-file-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    arena *a = arena_new();
    char path[256];

    snprintf(path, sizeof path, "%s/ok.txt", dir);
    FILE *f = fopen(path, "w");
    fputs("hello\n", f);
    fclose(f);
    char *data;
    size_t len;
    CHECK(file_read(a, path, 100, &data, &len) && len == 6 && strcmp(data, "hello\n") == 0,
          "a regular file is read whole");
    errno = 0;
    CHECK(!file_read(a, path, 5, &data, &len) && errno == EFBIG, "a file over the limit: EFBIG");
    size_t size = 0;
    int fd = file_open(path, 6, &size);
    CHECK(fd >= 0 && size == 6, "file_open gives the size");
    if (fd >= 0)
        close(fd);

    errno = 0;
    CHECK(file_open(dir, 100, NULL) < 0 && errno == EISDIR, "a folder is refused (EISDIR)");
    CHECK_STR(file_strerror(EISDIR), "it is a folder, not a file", "and said to be a folder");

    /* Opened blocking, a FIFO no one writes to would hang this test. */
    snprintf(path, sizeof path, "%s/pipe", dir);
    mkfifo(path, 0600);
    errno = 0;
    CHECK(file_open(path, 100, NULL) < 0 && errno == ESPIPE, "a FIFO is refused at once (ESPIPE)");
    CHECK(!file_read(a, path, 100, &data, &len) && errno == ESPIPE, "file_read refuses it too");
    CHECK(strstr(file_strerror(ESPIPE), "FIFO") != NULL, "and says it is a FIFO");
    unlink(path);

    errno = 0;
    CHECK(file_fopen("/dev/zero", 100) == NULL && errno == ENODEV, "a device is refused (ENODEV)");
    CHECK(strstr(file_strerror(ENODEV), "device") != NULL, "and said to be a device");
    CHECK(file_open("/nonexistent/x", 100, NULL) < 0 && errno == ENOENT, "a missing file: ENOENT");
    CHECK_STR(file_strerror(ENOENT), strerror(ENOENT), "other errors read as strerror's");

    CHECK_INT(utf8_bom("\xef\xbb\xbfx", 4), 3, "a byte-order mark is 3 bytes");
    CHECK_INT(utf8_bom("\xef\xbb", 2), 0, "half of one is none");
    CHECK_INT(utf8_bom("x", 1), 0, "plain text has none");

    snprintf(path, sizeof path, "%s/ok.txt", dir);
    unlink(path);
    rmdir(dir);
    arena_free(a);
    return harness_done();
}
