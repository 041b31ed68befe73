package dev.mediapipeline.local.lambda;

import java.util.List;
import java.util.Optional;

/**
 * Every function process carries {@code -Dmediapipeline.local.sandbox=<pid of its runtime>} on its command line.
 * A runtime that was killed outright (SIGKILL, power loss) cannot stop its functions; the next start finds such
 * orphans by this mark and ends them.
 */
public final class SandboxMarker {

    public static final String PROPERTY = "mediapipeline.local.sandbox";

    private SandboxMarker() {
    }

    /** Kills function processes whose runtime is gone; returns how many. */
    public static int killOrphans() {
        String mark = "-D" + PROPERTY + "=";
        List<ProcessHandle> orphans = ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> runtimePid(p, mark).map(pid -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true))
                        .orElse(false))
                .toList();
        orphans.forEach(ProcessTrees::kill);
        return orphans.size();
    }

    private static Optional<Long> runtimePid(ProcessHandle process, String mark) {
        Optional<String[]> arguments = process.info().arguments();
        if (arguments.isEmpty()) {
            return Optional.empty();
        }
        for (String argument : arguments.get()) {
            if (argument.startsWith(mark)) {
                try {
                    return Optional.of(Long.parseLong(argument.substring(mark.length())));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
