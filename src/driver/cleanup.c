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
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "driver/stages.h"

#define SLOTS 256
#define SLOT_BYTES 4096

static char paths[SLOTS][SLOT_BYTES];
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

static int enter(const char *path)
{
    size_t n = strlen(path);
    if (n >= SLOT_BYTES)
        return -1;
    int slot = -1;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < SLOTS && slot < 0; i++)
        if (!used[i]) {
            memcpy(paths[i], path, n + 1);
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
        fd = mkstemp(templ);
        if (fd >= 0)
            *slot = enter(templ);
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
    used[slot] = 0;
    pthread_mutex_unlock(&lock);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
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
