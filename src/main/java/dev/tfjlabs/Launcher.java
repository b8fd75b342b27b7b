package dev.tfjlabs;

import dev.tfjlabs.data.DatasetException;
import dev.tfjlabs.labs.FashionBiLstmLab;
import dev.tfjlabs.labs.MultiplicationLab;
import dev.tfjlabs.labs.FashionBiLstmReport;
import dev.tfjlabs.labs.MultiplicationReport;
import dev.tfjlabs.labs.NotPortedYet;
import dev.tfjlabs.labs.TrainingDiverged;
import dev.tfjlabs.reports.LabReport;
import dev.tfjlabs.reports.ReportsCommand;
import dev.tfjlabs.serving.BadInputException;
import dev.tfjlabs.serving.PredictCommand;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code mvn -q exec:java -Dexec.args="LAB [options]"}: runs a lab by id. With no argument it
 * lists the labs and runs the default one, {@code fashion-bilstm}. Usage errors exit 2; a
 * missing or corrupt dataset, or training that diverged, prints one message and exits 1.
 */
@Command(name = "tfj-labs", mixinStandardHelpOptions = true,
    description = "TensorFlow Java ports of five deep-learning lab notebooks.",
    footer = "%nRun a lab: mvn -q exec:java -Dexec.args=\"LAB [options]\"; "
        + "LAB --help lists its options.")
public final class Launcher implements Callable<Integer> {
  /** Every lab id and command, with one line each; fixed so that every part can rely on them. */
  static final Map<String, String> LABS = new LinkedHashMap<>();

  static {
    LABS.put(FashionBiLstmLab.ID, "LSTM vs Bidirectional LSTM on Fashion-MNIST (Keras; default)");
    LABS.put("mnist-rnn-basics", "RNN basics on MNIST (TensorFlow 1, low level)");
    LABS.put(MultiplicationLab.ID, "The LSTM paper's multiplication problem: SimpleRNN, LSTM, GRU");
    LABS.put("fashion-rnn-gru", "3-layer RNN vs GRU on Fashion-MNIST (PyTorch homework)");
    LABS.put("cnn-feature-maps", "CNN feature maps on Fashion-MNIST and an MNIST CNN (Keras)");
    LABS.put("imdb-sentiment", "IMDB sentiment with SimpleRNN, LSTM and GRU (Keras)");
    LABS.put("predict", "Load a lab's SavedModel and predict");
    LABS.put("reports", "Rebuild every chart from saved histories");
  }

  /** The ids that run today. */
  public static final List<String> PORTED =
      List.of(FashionBiLstmLab.ID, MultiplicationLab.ID, "predict", "reports");

  /** Every lab's report, for the {@code reports} command. */
  static final List<LabReport> REPORTS =
      List.of(new FashionBiLstmReport(), new MultiplicationReport());

  @Override
  public Integer call() {
    System.out.println("Labs (mvn -q exec:java -Dexec.args=\"LAB [options]\"):");
    LABS.forEach((id, line) -> System.out.printf("  %-18s %s%s%n", id, line,
        PORTED.contains(id) ? "" : " [not ported yet]"));
    System.out.println();
    System.out.println("Running the default lab, " + FashionBiLstmLab.ID + ".");
    return commandLine().execute(FashionBiLstmLab.ID);
  }

  /** The command line with every lab registered and this project's error handling. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Launcher());
    for (String id : LABS.keySet()) {
      Object command = switch (id) {
        case FashionBiLstmLab.ID -> new FashionBiLstmLab();
        case MultiplicationLab.ID -> new MultiplicationLab();
        case "predict" -> new PredictCommand();
        case "reports" -> new ReportsCommand(REPORTS);
        default -> new NotPortedYet(id);
      };
      cl.addSubcommand(id, command);
    }
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof DatasetException || e instanceof TrainingDiverged) {
        System.err.println("ERROR: " + e.getMessage());
        return 1;
      }
      if (e instanceof BadInputException) {
        cmd.getErr().println("ERROR: " + e.getMessage());
        return 2;
      }
      if (e instanceof IllegalArgumentException) {
        cmd.getErr().println("ERROR: " + e.getMessage());
        cmd.usage(cmd.getErr());
        return 2;
      }
      throw e;
    });
    return cl;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
