package dev.mediapipeline.local.lambda;

import dev.mediapipeline.model.Directories;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One execution environment of a function: a JVM process running the runtime interface client, the Runtime API
 * server it polls (its own loopback port, so requests need no sandbox id), and its private task and tmp
 * directories. Guarded by its {@link FunctionRuntime}'s lock.
 */
final class Sandbox {

    enum State {
        /** Process started, has not asked for an invocation yet (cold start). */
        STARTING,
        /** Waiting in /invocation/next, or about to. */
        IDLE,
        /** Running an invocation. */
        BUSY,
        /** Reported a fatal error or is being killed: takes no more work. */
        RETIRING,
        DEAD
    }

    final int number;
    final Path directory;
    final long startedNanos = System.nanoTime();
    HttpServer server;
    Process process;
    State state = State.STARTING;
    boolean everReady;
    boolean killedByRuntime;
    Invocation current;
    long idleSinceNanos = System.nanoTime();
    String initErrorJson;
    final java.util.List<Thread> relays = new java.util.concurrent.CopyOnWriteArrayList<>();

    Sandbox(int number, Path directory) {
        this.number = number;
        this.directory = directory;
    }

    Path taskDirectory() {
        return directory.resolve("task");
    }

    Path tmpDirectory() {
        return directory.resolve("tmp");
    }

    long pid() {
        return process == null ? -1 : process.pid();
    }

    boolean available() {
        return state == State.STARTING || state == State.IDLE;
    }

    void deleteDirectory() {
        try {
            Directories.deleteTree(directory);
        } catch (IOException e) {
            // best effort: a file still open by a dying process; the runtime's work directory is removed at exit
        }
    }

    /**
     * A sandbox on its way out asked for work: it gets no answer (an answer would only make the runtime interface
     * client print an error); its request is held until its process is gone, at most {@code limit}.
     */
    void awaitExit(java.time.Duration limit) {
        if (process == null) {
            return;
        }
        try {
            process.onExit().get(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // still alive: the caller gives up on the request
        }
    }

    /** Takes it out of service and kills its process tree (guarded by the runtime's lock). */
    void kill() {
        killedByRuntime = true;
        state = State.RETIRING;
        ProcessTrees.kill(process.toHandle());
    }

    /** Waits until the (killed) process and its children are gone, then releases the server, files and relays. */
    void awaitStopped(java.time.Duration limit) {
        if (process != null) {
            ProcessTrees.killAndWait(process.toHandle(), limit);
        }
        if (server != null) {
            server.stop(0);
        }
        deleteDirectory();
        for (Thread relay : relays) {
            try {
                relay.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "sandbox " + number + " (pid " + pid() + ", " + state + ")";
    }
}
