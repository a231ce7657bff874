package org.larchdb.pgwire.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The command line: {@code start [--data DIR] [--port N] [--listen ADDR] [--metrics-port N] [--config FILE]}.
 * Runs until SIGTERM or Ctrl-C, then shuts down cleanly (connections ended, pages flushed, port released).
 * A startup failure prints its message and exits with status 1.
 */
public final class LarchMain {
    private LarchMain() {
    }

    public static void main(String[] args) {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT.%1$tL %4$s %5$s%6$s%n");
        }
        ServerOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("larch: " + e.getMessage());
            System.err.println("usage: larch start [--data DIR] [--port N] [--listen ADDR] [--metrics-port N] [--config FILE]");
            System.exit(2);
            return;
        }
        // The shutdown hook exists before the server does: a SIGTERM that arrives while the server starts
        // (even right after its port opened) waits for the start to finish, then closes it cleanly.
        AtomicReference<LarchServer> running = new AtomicReference<>();
        CountDownLatch startFinished = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                startFinished.await();
                LarchServer server = running.get();
                if (server != null) {
                    server.close();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                stopped.countDown();
            }
        }, "larch-shutdown"));
        try {
            running.set(LarchServer.start(options));
        } catch (RuntimeException e) {
            System.err.println("LarchDB: could not start: " + e.getMessage());
            if (e instanceof org.larchdb.engine.error.DbException db) {
                if (db.detail() != null) {
                    System.err.println("DETAIL:  " + db.detail());
                }
                if (db.hint() != null) {
                    System.err.println("HINT:  " + db.hint());
                }
            }
            startFinished.countDown();
            System.exit(1);
            return;
        }
        startFinished.countDown();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Parses the command line into server options; the config file defaults to conf/larch.conf when present. */
    static ServerOptions parse(String[] args) {
        Path dataDir = Path.of("data");
        Path configFile = null;
        Map<String, String> overrides = new HashMap<>();
        int i = 0;
        if (i < args.length && "start".equals(args[i])) {
            i++;
        }
        for (; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--data", "-D" -> dataDir = Path.of(value);
                case "--port", "-p" -> overrides.put("port", value);
                case "--listen", "-h" -> overrides.put("listen_addresses", value);
                case "--metrics-port" -> overrides.put("metrics_port", value);
                case "--config", "-c" -> configFile = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (configFile == null && Files.isRegularFile(Path.of("conf", "larch.conf"))) {
            configFile = Path.of("conf", "larch.conf");
        }
        return new ServerOptions(dataDir, configFile, overrides, null);
    }
}
