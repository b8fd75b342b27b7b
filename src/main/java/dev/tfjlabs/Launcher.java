package dev.tfjlabs;

import dev.tfjlabs.labs.Labs;
import dev.tfjlabs.platform.AllCommand;
import dev.tfjlabs.platform.Lab;
import dev.tfjlabs.platform.ReportsCommand;
import dev.tfjlabs.serving.BadInputException;
import dev.tfjlabs.serving.ConvertCommand;
import dev.tfjlabs.serving.PredictCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code mvn -q compile exec:java -Dexec.args="LAB [options]"}: runs a lab of the registry
 * ({@link Labs}) by id, or the {@code predict} and {@code reports} commands. With no argument
 * it lists the labs and runs the default one. Exit codes: 0 done; 2 a usage error (unknown lab,
 * option or value; a bad input file for {@code predict}), printed with the usage where it helps;
 * 1 any failure while running (a dataset, a folder, TensorFlow, training that diverged), as one
 * line, with the stack trace only when {@code TFJ_VERBOSE} is set.
 */
@Command(name = "tfj-labs", mixinStandardHelpOptions = true,
    versionProvider = Launcher.Version.class,
    description = "TensorFlow Java ports of five deep-learning lab notebooks.",
    footer = "%nRun a lab: mvn -q compile exec:java -Dexec.args=\"LAB [options]\"; "
        + "LAB --help lists its options.")
public final class Launcher implements Callable<Integer> {
  /** {@code --version}: the project version Maven wrote into {@code tfj-labs.properties}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws java.io.IOException {
      java.util.Properties p = new java.util.Properties();
      try (var in = Launcher.class.getResourceAsStream("/tfj-labs.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"tfj-labs " + p.getProperty("version", "(unknown version)")
          + ", TensorFlow Java " + p.getProperty("tensorflow", "?") + ", Java "
          + System.getProperty("java.version")};
    }
  }

  /** The environment variable that asks for stack traces. */
  static final String VERBOSE = "TFJ_VERBOSE";

  @Override
  public Integer call() {
    System.out.println("Labs (mvn -q compile exec:java -Dexec.args=\"LAB [options]\"):");
    for (Lab lab : Labs.ALL) {
      System.out.printf("  %-18s %s%s%n", lab.id(), lab.title(),
          lab == Labs.DEFAULT ? " [default]" : "");
    }
    System.out.printf("  %-18s %s%n", "predict", "Predict with a SavedModel or a Keras file");
    System.out.printf("  %-18s %s%n", "convert", "Convert Keras files and SavedModels");
    System.out.printf("  %-18s %s%n", "all", "Every lab's notebook end to end, then reports");
    System.out.printf("  %-18s %s%n", "reports", "Rebuild every chart from saved histories");
    System.out.println();
    System.out.println("Running the default lab, " + Labs.DEFAULT.id() + ".");
    return commandLine().execute(Labs.DEFAULT.id());
  }

  /** The command line with every lab of the registry and this project's error handling. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Launcher());
    for (Lab lab : Labs.ALL) {
      cl.addSubcommand(lab.id(), lab.command().get());
    }
    cl.addSubcommand("predict", new PredictCommand());
    cl.addSubcommand("convert", new ConvertCommand());
    cl.addSubcommand("reports", new ReportsCommand(Labs.ALL));
    cl.addSubcommand("all", new AllCommand(Labs.ALL, args -> commandLine().execute(args),
        Launcher::startJob));
    dev.tfjlabs.platform.SideBySide.useStarter(Launcher::startJob);
    for (CommandLine sub : cl.getSubcommands().values()) {
      // --version answers on every command, not only on the bare launcher
      sub.getCommandSpec().versionProvider(new Version());
    }
    cl.setParameterExceptionHandler(Launcher::usageError);
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (System.getenv(VERBOSE) != null) {
        e.printStackTrace();
      }
      cmd.getErr().println("ERROR: " + oneLine(e));
      return e instanceof BadInputException ? 2 : 1;
    });
    return cl;
  }

  /**
   * Starts {@code args} in a JVM of its own on this class path, its standard error merged into
   * its output, for {@code all --jobs}: it ends with this JVM (it watches it, as the quiet-log
   * child does) and keeps TensorFlow's INFO lines out of its log.
   */
  static Process startJob(java.util.List<String> args) throws java.io.IOException {
    ProcessBuilder pb = new ProcessBuilder(dev.tfjlabs.io.Jvm.command(Launcher.class, args))
        .redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().put(QuietNativeLogs.LEVEL, "1");
    pb.environment().put(QuietNativeLogs.PARENT, Long.toString(ProcessHandle.current().pid()));
    return pb.start();
  }

  /** Whether the command ran to its end (an exit code), as opposed to being interrupted. */
  private static volatile boolean finished;

  private static void exit(int code) {
    finished = true;
    System.exit(code);
  }

  /**
   * On Ctrl-C (or a {@code kill}): one line saying that the run stopped and that what earlier
   * runs published is as it was (a run publishes its models and reports only when it ends).
   */
  private static void sayIfInterrupted() {
    if (!finished) {
      System.err.println("Interrupted: the run stopped before it finished; the models and reports"
          + " of earlier runs are untouched (a run publishes only when it ends)");
    }
  }

  /**
   * A usage error in at most three lines, so the message stays on screen: the message, Keras's
   * closest names for a misspelt lab or option, and how to run the command and ask for its
   * options (the full usage is one {@code --help} away). Exit 2.
   */
  static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    java.io.PrintWriter err = cmd.getErr();
    err.println(oneLine(e));
    if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
      err.println("Did you mean: " + String.join(", ", u.getSuggestions().stream().limit(3)
          .toList()) + "?");
    }
    if (cmd.getParent() == null) {
      err.println("Usage: mvn -q compile exec:java -Dexec.args=\"LAB [options]\"; the labs and"
          + " commands: -Dexec.args=\"--help\"");
    } else {
      String command = cmd.getCommandName();
      err.println("Usage: mvn -q compile exec:java -Dexec.args=\"" + command + " [options]\";"
          + " its options: -Dexec.args=\"" + command + " --help\"");
    }
    return 2;
  }

  /**
   * The first argument that reached the JVM with undecodable characters (U+FFFD): under a
   * non-UTF-8 locale the JVM cannot represent non-ASCII command-line arguments, and a path
   * such as {@code --reports-dir rép} would silently become another folder.
   */
  static String undecodable(String[] args) {
    for (String a : args) {
      if (a.indexOf('\uFFFD') >= 0) {
        return a;
      }
    }
    return null;
  }

  /** The exception's message on one line, or its type when it has none. */
  static String oneLine(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return m.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /**
   * Runs the command line; in a child JVM that keeps TensorFlow's native INFO logging quiet
   * when the environment does not already say ({@link QuietNativeLogs}).
   */
  public static void main(String[] args) {
    String undecodable = undecodable(args);
    if (undecodable != null) {
      System.err.println("ERROR: the argument '" + undecodable + "' has characters this JVM"
          + " could not decode under the locale " + System.getProperty("sun.jnu.encoding")
          + " (LC_ALL=C?); set a UTF-8 locale, e.g. export LC_ALL=C.UTF-8, and run again");
      System.exit(2);
    }
    QuietNativeLogs.endWithParent(System.getenv());
    if (!QuietNativeLogs.isChild(System.getenv())) {
      Runtime.getRuntime().addShutdownHook(new Thread(Launcher::sayIfInterrupted));
    }
    if (QuietNativeLogs.needed(System.getenv(), args)) {
      try {
        exit(QuietNativeLogs.runInChild(Launcher.class, args));
      } catch (java.io.IOException e) {
        System.err.println("Note: TensorFlow's log stays on (no child JVM: " + oneLine(e) + ")");
      }
    }
    exit(commandLine().execute(args));
  }
}
