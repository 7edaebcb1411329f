package org.institutiongraph.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.kernel.impl.security.User;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.logging.NullLogProvider;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.server.security.SecureHasher;
import org.neo4j.server.security.SystemGraphCredential;
import org.neo4j.server.security.auth.CommunitySecurityModule;
import org.neo4j.server.security.auth.FileUserRepository;

/**
 * Runs Neo4j Community embedded, with Bolt on a loopback port, for a parent process (the API or the tests).
 *
 * <p>Protocol: every line it writes for the parent starts with "LAUNCHER " and carries one JSON object, either
 * {"event":"ready","bolt":...} or {"event":"error","code":...,"message":...}. The end of stdin means "shut down":
 * when the parent dies, even by SIGKILL, the pipe closes and the JVM follows, so no orphan outlives it.
 *
 * <p>Bolt asks for a password: user neo4j, with the password in the file --password-file names (the parent
 * keeps it readable by its owner only). Anyone else on the machine can reach the port, but not the data.
 */
public final class Launcher {
  private static final String PREFIX = "LAUNCHER ";

  private Launcher() {}

  public static void main(String[] args) {
    Map<String, String> options = parse(args);
    Path dataDir = Path.of(required(options, "data-dir")).toAbsolutePath();
    String host = options.getOrDefault("host", "127.0.0.1");
    int port = Integer.parseInt(options.getOrDefault("port", "0"));
    long pageCacheMb = Long.parseLong(options.getOrDefault("pagecache-mb", "64"));

    DatabaseManagementService dbms;
    String password;
    try {
      Files.createDirectories(dataDir);
      password = Files.readString(Path.of(required(options, "password-file")), StandardCharsets.UTF_8).trim();
      writeInitialPassword(dataDir, password);
      dbms =
          new DatabaseManagementServiceBuilder(dataDir)
              .setConfig(BoltConnector.enabled, true)
              .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
              .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
              .setConfig(HttpConnector.enabled, false)
              // Graph Data Science: its jars are on the classpath (for its extensions) and in target/plugins
              // (where Neo4j looks for procedures); its procedures read the store directly, so they must be allowed.
              .setConfig(GraphDatabaseSettings.plugin_dir, pluginDir())
              .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("gds.*"))
              .setConfig(GraphDatabaseSettings.auth_enabled, true)
              .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheMb * 1024 * 1024)
              // Transaction timeouts are enforced when the monitor looks (every 2 s by default): look often,
              // so that a timed-out query stops close to its deadline.
              .setConfig(GraphDatabaseSettings.transaction_monitor_check_interval, Duration.ofMillis(100))
              // Netty's defaults wait a 5 s quiet period, up to 15 s, for new work before Bolt stops; the
              // parent closes its connections before it asks us to stop, so there is nothing to wait for.
              .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
              .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
              .build();
    } catch (Throwable e) {
      fail(e, dataDir, host, port);
      return;
    }

    DatabaseManagementService running = dbms;
    Runtime.getRuntime().addShutdownHook(new Thread(running::shutdown, "neo4j-shutdown"));

    HostnamePort address;
    try {
      GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
      if (!db.isAvailable(Duration.ofMinutes(5).toMillis())) {
        throw new IllegalStateException("the default database did not become available");
      }
      setPassword(dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME), password);
      address =
          ((GraphDatabaseAPI) db)
              .getDependencyResolver()
              .resolveDependency(ConnectorPortRegister.class)
              .getLocalAddress(ConnectorType.BOLT);
    } catch (Throwable e) {
      fail(e, dataDir, host, port);
      return;
    }
    emit(
        "{\"event\":\"ready\",\"bolt\":\"bolt://"
            + address.getHost()
            + ":"
            + address.getPort()
            + "\",\"port\":"
            + address.getPort()
            + "}");

    awaitEndOfInput(System.in);
    System.exit(0);
  }

  /** target/plugins, beside the launcher's jar. */
  private static Path pluginDir() throws Exception {
    Path jar = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return jar.getParent().resolve("plugins").toAbsolutePath();
  }

  /**
   * What `neo4j-admin dbms set-initial-password` does: a user file the system database reads when it is created,
   * so that a new data directory never accepts the default password, not even for a moment.
   */
  private static void writeInitialPassword(Path home, String password) throws Exception {
    Config config = Config.newBuilder().set(GraphDatabaseSettings.neo4j_home, home).build();
    Path file = CommunitySecurityModule.getInitialUserRepositoryFile(config);
    DefaultFileSystemAbstraction fs = new DefaultFileSystemAbstraction();
    fs.deleteFile(file);
    Files.createDirectories(file.getParent());
    FileUserRepository users =
        new FileUserRepository(fs, file, NullLogProvider.getInstance(), EmptyMemoryTracker.INSTANCE);
    users.start();
    users.create(
        new User(
            "neo4j",
            null,
            SystemGraphCredential.createCredentialForPassword(
                password.getBytes(StandardCharsets.UTF_8), new SecureHasher()),
            false,
            false));
    users.shutdown();
  }

  /** For a data directory made before it had a password (or whose password was changed): the file's wins. */
  private static void setPassword(GraphDatabaseService system, String password) {
    try {
      system.executeTransactionally(
          "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
    } catch (QueryExecutionException e) {
      // Neo4j refuses to set the password the user already has: then there is nothing to do.
      if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
        throw e;
      }
    }
  }

  private static void awaitEndOfInput(InputStream in) {
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) != -1) {
        // Input is ignored; only its end matters.
      }
    } catch (IOException e) {
      // A broken pipe is the same signal as its end.
    }
  }

  private static void fail(Throwable error, Path dataDir, String host, int port) {
    String code = "START_FAILED";
    String message = "Neo4j could not start: " + rootMessage(error);
    for (Throwable t = error; t != null; t = t.getCause()) {
      String text = String.valueOf(t.getMessage()).toLowerCase();
      if (t instanceof BindException || text.contains("address already in use")) {
        code = "PORT_IN_USE";
        message = "Bolt port " + port + " on " + host + " is already in use";
        break;
      }
      String type = t.getClass().getSimpleName();
      if (type.equals("FileLockException") || type.equals("StoreLockException")) {
        code = "DATA_DIR_LOCKED";
        message = "Neo4j data directory " + dataDir + " is locked by another running Neo4j";
        break;
      }
    }
    emit("{\"event\":\"error\",\"code\":\"" + code + "\",\"message\":\"" + escape(message) + "\"}");
    System.exit(3);
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  private static void emit(String json) {
    System.out.println(PREFIX + json);
    System.out.flush();
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(' ');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("expected --name=value, got " + arg);
      }
      int eq = arg.indexOf('=');
      options.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }
}
