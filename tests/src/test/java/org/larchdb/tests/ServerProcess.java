package org.larchdb.tests;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A LarchDB server in its own process (LarchMain on this JVM's classpath), for tests that must kill
 * it as a crash would: {@link #kill()} sends SIGKILL, so nothing in the server gets to run.
 */
final class ServerProcess implements AutoCloseable {
    private final Path dataDir;
    private final Path configFile;
    private final Path logFile;
    private final int port;
    private Process process;

    ServerProcess(Path dataDir, Path configFile, Path logFile) throws IOException {
        this.dataDir = dataDir;
        this.configFile = configFile;
        this.logFile = logFile;
        this.port = freePort();
    }

    /** Starts the server and waits until it accepts connections (recovery included). */
    ServerProcess start(Duration timeout) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "org.larchdb.pgwire.server.LarchMain", "start", "--data", dataDir.toString(), "--port",
                Integer.toString(port), "--metrics-port", "-1"));
        if (configFile != null) {
            command.add("--config");
            command.add(configFile.toString());
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        pb.environment().put("LARCH_PASSWORD", TestServer.PASSWORD);
        process = pb.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue() + "; log:\n"
                        + Files.readString(logFile));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return this;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("server did not accept connections within " + timeout + "; log:\n"
                + Files.readString(logFile));
    }

    /** SIGKILL, then wait for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                TestServer.SUPERUSER, TestServer.PASSWORD);
    }

    String log() throws IOException {
        return Files.readString(logFile);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
