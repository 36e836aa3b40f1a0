package dev.chunker.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.chunker.job.IndexOutcome;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code chunker} command and its subcommands. Exit codes: 0 success, 1 failure, 2 bad usage. */
@Command(name = "chunker", mixinStandardHelpOptions = true, version = "chunker 0.1.0",
		description = "Indexes source repositories into a database as semantic chunks.")
public final class ChunkerCommand implements Runnable {

	/**
	 * The subcommands by name, in the order the help lists them. Made on demand: picocli reads every option of every
	 * command it is given, which cost each command a quarter of a second of start-up, so a command line that names
	 * one gets only that one (the help and a bad name get them all).
	 */
	private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

	private static Map<String, Supplier<Object>> subcommands() {
		Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
		commands.put("index", () -> new IndexCommand());
		commands.put("jobs", () -> new JobsCommand());
		commands.put("restart", () -> new RestartCommand());
		commands.put("run-job", () -> new RunJobCommand());
		commands.put("schedule", () -> new ScheduleCommand());
		commands.put("query", () -> new QueryCommand());
		commands.put("show", () -> new ShowCommand());
		commands.put("export", () -> new ExportCommand());
		commands.put("serve", () -> new ServeCommand());
		commands.put("mcp", () -> new McpCommand());
		commands.put("chunk", () -> new ChunkCommand());
		commands.put("languages", () -> new LanguagesCommand());
		commands.put("bench", () -> new BenchCommand());
		commands.put("worker", () -> new WorkerCommand());
		commands.put("workers", () -> new WorkersCommand());
		commands.put("gc", () -> new GcCommand());
		commands.put("train-startup", () -> new StartupTrainingCommand());
		commands.put("help", () -> new CommandLine.HelpCommand());
		return java.util.Collections.unmodifiableMap(commands);
	}

	/** Exit code of a completed command. */
	public static final int OK = 0;

	/** Exit code of a command that failed (a file that cannot be chunked, a failed job). */
	public static final int FAILED = 1;

	/** Exit code of bad usage. */
	public static final int USAGE = 2;

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		throw new CommandLine.ParameterException(this.spec.commandLine(), "a command is required");
	}

	/** Runs the command line and returns the exit code. */
	public static int run(String... args) {
		return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
	}

	public static int run(PrintWriter out, PrintWriter err, String... args) {
		CommandLine commandLine = new CommandLine(new ChunkerCommand());
		String named = (args.length > 0) ? args[0] : "";
		@org.jspecify.annotations.Nullable Supplier<Object> only = "help".equals(named) ? null : SUBCOMMANDS.get(named);
		if (only != null) {
			commandLine.addSubcommand(named, only.get());
		}
		else {
			SUBCOMMANDS.forEach((name, command) -> commandLine.addSubcommand(name, command.get()));
		}
		commandLine.setOut(out);
		commandLine.setErr(err);
		commandLine.setExitCodeExceptionMapper((ex) -> (ex instanceof CommandLine.ParameterException) ? USAGE : FAILED);
		commandLine.setParameterExceptionHandler((ex, arguments) -> {
			ex.getCommandLine().getErr().println("chunker: " + ex.getMessage());
			ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
			return USAGE;
		});
		commandLine.setExecutionExceptionHandler((ex, cl, parsed) -> {
			boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
			if (ex instanceof UsageException || ex instanceof dev.chunker.settings.SettingsException) {
				cl.getErr().println("chunker: " + ex.getMessage());
				return USAGE;
			}
			if (ex instanceof dev.chunker.store.RepositoryLock.RepositoryBusyException) {
				cl.getErr().println("chunker: " + ex.getMessage());
				return FAILED;
			}
			cl.getErr().println("chunker: " + describe(ex));
			if (verbose) {
				ex.printStackTrace(cl.getErr());
			}
			return FAILED;
		});
		return commandLine.execute(args);
	}

	/**
	 * One line for the user: the message of a failure worded where it arose (the database cannot be opened, the
	 * server cannot start), else the deepest cause with a message (where the real reason is).
	 */
	static String describe(Throwable ex) {
		if (ex instanceof WordedFailure) {
			return String.valueOf(ex.getMessage());
		}
		return IndexOutcome.oneLine(ex);
	}

	/** Bad usage detected after parsing (a bad value): exit code 2 with a one-line message. */
	public static final class UsageException extends RuntimeException {

		public UsageException(String message) {
			super(message);
		}

	}

}
