/*
 * cleanup.c: the temporary files of PDFs being written, removed when
 * SIGINT or SIGTERM ends the process (a CI timeout, a Ctrl-C), so no
 * NAME.pdf.tmp.* is left behind. A signal handler can only reach what the
 * process holds, so this table is briefc's one piece of process-wide
 * state: slots that compiles on any thread fill and empty under a lock,
 * and that the handler reads with async-signal-safe calls only.
 */
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "driver/stages.h"

#define SLOTS 256
#define SLOT_BYTES 4096

static char paths[SLOTS][SLOT_BYTES];
static volatile sig_atomic_t used[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

int driver_temp_add(const char *path)
{
    size_t n = strlen(path);
    if (n >= SLOT_BYTES)
        return -1;
    pthread_mutex_lock(&lock);
    int slot = -1;
    for (int i = 0; i < SLOTS && slot < 0; i++)
        if (!used[i]) {
            memcpy(paths[i], path, n + 1);
            used[i] = 1;
            slot = i;
        }
    pthread_mutex_unlock(&lock);
    return slot;
}

void driver_temp_done(int slot)
{
    if (slot < 0 || slot >= SLOTS)
        return;
    pthread_mutex_lock(&lock);
    used[slot] = 0;
    pthread_mutex_unlock(&lock);
}

static void on_signal(int sig)
{
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
