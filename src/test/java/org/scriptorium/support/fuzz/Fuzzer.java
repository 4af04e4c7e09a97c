package org.scriptorium.support.fuzz;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.management.ThreadMXBean;

/**
 * Runs a {@link FuzzTarget}: every seed once, then mutants of the seeds, on a worker thread watched by
 * the calling thread, so that an input that hangs is caught while it hangs. Without coverage feedback
 * (see {@code ParserJazzerFuzzTest} for the coverage-guided runs): cheap, deterministic for a given
 * random seed, and able to run a million inputs in one JVM.
 *
 * <p>What counts as a finding: any exception or error the target lets through (an undocumented
 * exception, a broken promise, a {@link StackOverflowError} or {@link OutOfMemoryError}); an input that
 * uses more than {@link Limits#cpuPerInput()} of CPU, or stays unfinished longer than
 * {@link Limits#wallPerInput()} (a hang that waits rather than computes); an input that allocates more
 * than {@link Limits#bytesPerInput()}. Each finding's input is saved under {@code target/fuzz-findings/}.
 */
public final class Fuzzer {

    /** Where findings are written, relative to the working directory (the project's root under Maven). */
    static final Path FINDINGS = Path.of("target", "fuzz-findings");

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int MAX_INPUT = 256 * 1024;
    private static final int MAX_FINDINGS_KEPT = 20;

    /**
     * What one input may cost. CPU time, not wall time, is the 2-second measure, so that other builds on
     * the machine cannot make an input look slow; the wall limit only catches inputs that block.
     *
     * @param cpuPerInput   CPU time of the parsing thread for one input
     * @param wallPerInput  wall time for one input
     * @param bytesPerInput memory allocated (not retained) by the parsing thread for one input
     */
    public record Limits(Duration cpuPerInput, Duration wallPerInput, long bytesPerInput) {
        /** 2 s of CPU, 10 s of wall time, 512 MB allocated. */
        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(2), Duration.ofSeconds(10), 512L * 1024 * 1024);
    }

    /** One problem found: what happened, how often, and the first input that did it. */
    public record Finding(String problem, int occurrences, Path input) {
    }

    /**
     * @param slowestCpuMillis    the most CPU time one input took
     * @param mostAllocatedBytes  the most memory one input allocated
     */
    public record Report(String target, long executions, Duration elapsed, long slowestCpuMillis,
                         long mostAllocatedBytes, List<Finding> findings) {

        public String summary() {
            return String.format(Locale.ROOT,
                    "fuzz %-16s %,10d executions in %6.1f s (%,8.0f/s); slowest input %,5d ms CPU; most allocated %,6.1f MB; %d findings%s",
                    target, executions, elapsed.toMillis() / 1000.0, executions / Math.max(0.001, elapsed.toMillis() / 1000.0),
                    slowestCpuMillis, mostAllocatedBytes / (1024.0 * 1024), findings.size(),
                    findings.isEmpty() ? "" : findings.stream().map(f -> "\n  " + f.occurrences() + "× " + f.problem() + " → " + f.input())
                            .reduce("", String::concat));
        }
    }

    private Fuzzer() {
    }

    /**
     * Runs {@code executions} inputs through {@code target}: first its seeds and hostile files (all of
     * them, even if there are more than {@code executions}), then mutants of the seeds.
     *
     * @param seed the random seed of the mutator: the same seed, seeds and count give the same inputs
     */
    public static Report run(FuzzTarget target, long executions, long seed, Limits limits) {
        List<byte[]> seeds = target.seeds();
        List<byte[]> first = new java.util.ArrayList<>(seeds);
        first.addAll(target.hostile());
        Mutator mutator = new Mutator(seed, seeds, target.dictionary(), MAX_INPUT);
        return new Worker(target, first, mutator, Math.max(executions, first.size()), limits).runHere(target.name());
    }

    /**
     * Runs one input under the limits (for the coverage-guided fuzzer, which brings its own inputs).
     *
     * @throws AssertionError if the input breaks a limit or the target lets an exception through
     */
    public static void once(FuzzTarget target, byte[] input, Limits limits) {
        Report report = new Worker(target, List.of(input), null, 1, limits).runHere(target.name());
        if (!report.findings().isEmpty()) {
            throw new AssertionError(report.summary());
        }
    }

    /** The thread that parses; the watching thread reads its progress through the volatile fields. */
    private static final class Worker implements Runnable {
        private final FuzzTarget target;
        private final List<byte[]> seeds;
        private final Mutator mutator;
        private final long executions;
        private final Limits limits;
        private final Map<String, Finding> found = new LinkedHashMap<>();
        private final AtomicReference<byte[]> current = new AtomicReference<>();
        private volatile long done;
        private volatile long inputStartNanos;
        private volatile long inputStartCpu;
        private volatile boolean finished;
        private long slowestCpu;
        private long mostAllocated;

        Worker(FuzzTarget target, List<byte[]> seeds, Mutator mutator, long executions, Limits limits) {
            this.target = target;
            this.seeds = seeds;
            this.mutator = mutator;
            this.executions = executions;
            this.limits = limits;
        }

        Report runHere(String name) {
            Thread thread = Thread.ofPlatform().daemon().name("fuzz-" + name).unstarted(this);
            long started = System.nanoTime();
            thread.start();
            watch(thread);
            return new Report(name, done, Duration.ofNanos(System.nanoTime() - started), slowestCpu / 1_000_000,
                    mostAllocated, findings());
        }

        @Override
        public void run() {
            try {
                for (long i = 0; i < executions; i++) {
                    byte[] input = i < seeds.size() ? seeds.get((int) i) : mutator.next();
                    long cpu = THREADS.getCurrentThreadCpuTime();
                    long allocated = THREADS.getCurrentThreadAllocatedBytes();
                    inputStartCpu = cpu;
                    inputStartNanos = System.nanoTime();
                    current.set(input); // last: the watcher reads the start times once it sees an input
                    try {
                        target.accept(input);
                    } catch (Throwable t) {
                        record(signature(t), input, stackTrace(t));
                    }
                    long usedCpu = THREADS.getCurrentThreadCpuTime() - cpu;
                    long usedBytes = THREADS.getCurrentThreadAllocatedBytes() - allocated;
                    if (usedCpu > limits.cpuPerInput().toNanos()) {
                        record("slow input: " + usedCpu / 1_000_000 + " ms CPU", input, "");
                    }
                    if (usedBytes > limits.bytesPerInput()) {
                        record("memory: " + usedBytes / (1024 * 1024) + " MB allocated", input, "");
                    }
                    slowestCpu = Math.max(slowestCpu, usedCpu);
                    mostAllocated = Math.max(mostAllocated, usedBytes);
                    done = i + 1;
                }
            } finally {
                finished = true;
            }
        }

        /** Waits for the worker; abandons it (it is a daemon) if one input runs over a limit. */
        void watch(Thread thread) {
            long cpuLimit = limits.cpuPerInput().toNanos();
            long wallLimit = limits.wallPerInput().toNanos();
            try {
                while (!finished) {
                    thread.join(50);
                    if (finished) {
                        break;
                    }
                    if (current.get() == null) {
                        continue; // the worker has not started its first input
                    }
                    long index = done;
                    long cpu = THREADS.getThreadCpuTime(thread.threadId()) - inputStartCpu;
                    long wall = System.nanoTime() - inputStartNanos;
                    // allow a margin, so that an input the worker is about to report itself is not reported twice
                    if ((cpu > cpuLimit + cpuLimit / 2 || wall > wallLimit) && index == done && !finished) {
                        synchronized (found) {
                            record("hang: still running after " + wall / 1_000_000 + " ms (" + cpu / 1_000_000 + " ms CPU)",
                                    current.get(), stackTrace(thread));
                        }
                        thread.interrupt();
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        List<Finding> findings() {
            synchronized (found) {
                return List.copyOf(found.values());
            }
        }

        private void record(String problem, byte[] input, String details) {
            synchronized (found) {
                Finding previous = found.get(problem);
                if (previous != null) {
                    found.put(problem, new Finding(problem, previous.occurrences() + 1, previous.input()));
                } else if (found.size() < MAX_FINDINGS_KEPT) {
                    found.put(problem, new Finding(problem, 1, save(target.name(), input, problem + "\n" + details)));
                }
            }
        }
    }

    /** The exception's class and message head and the first frame of our code, so one bug counts once. */
    static String signature(Throwable t) {
        String frame = "";
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("org.scriptorium") && !e.getClassName().contains(".support.fuzz.")) {
                frame = " at " + e.getClassName() + "." + e.getMethodName() + ":" + e.getLineNumber();
                break;
            }
        }
        String message = String.valueOf(t.getMessage());
        message = message.length() > 120 ? message.substring(0, 120) + "…" : message;
        return t.getClass().getName() + ": " + message.replaceAll("\\s+", " ") + frame;
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static String stackTrace(Thread thread) {
        StringBuilder out = new StringBuilder();
        for (StackTraceElement e : thread.getStackTrace()) {
            out.append("\tat ").append(e).append('\n');
        }
        return out.toString();
    }

    private static Path save(String target, byte[] input, String description) {
        try {
            Path directory = Files.createDirectories(FINDINGS.resolve(target));
            String name = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(input), 0, 6);
            Path file = directory.resolve(name + ".bin");
            Files.write(file, input);
            Files.writeString(directory.resolve(name + ".txt"), description + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
