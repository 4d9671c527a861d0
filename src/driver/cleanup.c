/*
 * cleanup.c: the temporary files of PDFs being written, removed when
 * SIGINT, SIGTERM or SIGHUP ends the process (a CI timeout, a Ctrl-C), so
 * no NAME.pdf.tmp.* is left behind. A signal handler can only reach what
 * the process holds, so this table is briefc's one piece of process-wide
 * state: slots that compiles on any thread fill and empty under a lock,
 * and that the handler reads with async-signal-safe calls only.
 *
 * Creating a file and entering it in the table is one step with those
 * signals blocked, so a signal never falls between the two; and once a
 * signal has come, no thread creates another file while the handler
 * sweeps the table (the handler waits for creations under way to be
 * entered, and later ones are refused).
 *
 * SIGKILL or a power cut leaves its files behind: each is held locked
 * (flock) while it is written, so the next run into the folder removes
 * those no living process holds (driver_temp_sweep).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/file.h"

#include "driver/stages.h"

#define SLOTS 256
#define SLOT_BYTES 4096

static char paths[SLOTS][SLOT_BYTES];
static int fds[SLOTS];
static volatile sig_atomic_t used[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_int dying, creating;

/* The table's lock is only ever held with the signals blocked: a handler
 * on the holding thread would otherwise wait for ever on a creation that
 * waits for the lock. */
static void block_signals(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, old);
}

static int enter(const char *path, int fd)
{
    size_t n = strlen(path);
    if (n >= SLOT_BYTES)
        return -1;
    int slot = -1;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < SLOTS && slot < 0; i++)
        if (!used[i]) {
            memcpy(paths[i], path, n + 1);
            fds[i] = fd;
            used[i] = 1;
            slot = i;
        }
    pthread_mutex_unlock(&lock);
    return slot;
}

int driver_temp_create(char *templ, int *slot)
{
    sigset_t old;
    block_signals(&old);
    atomic_fetch_add(&creating, 1);
    int fd = -1;
    *slot = -1;
    if (atomic_load(&dying)) {
        errno = EINTR;
    } else {
        /* A sweep in another process may take the new file for a
         * leftover before it is locked: then it has no name any more,
         * and another is made. */
        size_t n = strlen(templ);
        struct stat st;
        for (int tries = 0; tries < 8; tries++) {
            fd = mkstemp(templ);
            if (fd < 0)
                break;
            flock(fd, LOCK_EX);
            if (fstat(fd, &st) == 0 && st.st_nlink > 0)
                break;
            close(fd);
            fd = -1;
            memcpy(templ + n - 6, "XXXXXX", 6);
        }
        if (fd >= 0) {
            *slot = enter(templ, fd);
            if (*slot < 0) {
                unlink(templ);
                close(fd);
                fd = -1;
                errno = EMFILE;   /* more files written at once than the table holds */
            }
        }
    }
    atomic_fetch_sub(&creating, 1);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return fd;
}

void driver_temp_done(int slot)
{
    if (slot < 0 || slot >= SLOTS)
        return;
    sigset_t old;
    block_signals(&old);
    pthread_mutex_lock(&lock);
    close(fds[slot]);          /* and with it the lock */
    used[slot] = 0;
    pthread_mutex_unlock(&lock);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
}

void driver_temp_sweep(const char *dir, const char *prefix)
{
    DIR *dp = opendir(dir);
    if (!dp)
        return;
    size_t n = strlen(prefix);
    for (struct dirent *e; (e = readdir(dp));) {
        if (strncmp(e->d_name, prefix, n) != 0)
            continue;
        char path[SLOT_BYTES];
        if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= (int)sizeof path)
            continue;
        int fd = file_open(path, (size_t)-1, NULL);
        /* Unlocked: its writer is dead (see driver_temp_create for one
         * made a moment ago, not yet locked). */
        if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
            unlink(path);
        if (fd >= 0)
            close(fd);
    }
    closedir(dp);
}

static void on_signal(int sig)
{
    atomic_store(&dying, 1);
    /* Creations under way run with the signals blocked, on other
     * threads: they finish in a moment, and are then in the table. */
    while (atomic_load(&creating) > 0)
        ;
    for (int i = 0; i < SLOTS; i++)
        if (used[i])
            unlink(paths[i]);
    /* Then die of the signal, as the caller expects. */
    signal(sig, SIG_DFL);
    raise(sig);
}

void driver_cleanup_on_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}
