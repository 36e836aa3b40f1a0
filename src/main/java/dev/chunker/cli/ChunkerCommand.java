package dev.chunker.cli;

import java.io.PrintWriter;

import dev.chunker.job.IndexOutcome;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code chunker} command and its subcommands. Exit codes: 0 success, 1 failure, 2 bad usage. */
@Command(name = "chunker", mixinStandardHelpOptions = true, version = "chunker 0.1.0",
		description = "Indexes source repositories into a database as semantic chunks.",
		subcommands = { IndexCommand.class, JobsCommand.class, RestartCommand.class, RunJobCommand.class, ScheduleCommand.class,
				QueryCommand.class, ShowCommand.class, ExportCommand.class, ServeCommand.class, McpCommand.class, ChunkCommand.class,
				LanguagesCommand.class, BenchCommand.class, WorkerCommand.class, WorkersCommand.class, GcCommand.class,
				CommandLine.HelpCommand.class })
public final class ChunkerCommand implements Runnable {

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
