package dev.chunker.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code chunker train-startup FILE} (hidden): the training run the launcher records the JDK's ahead-of-time cache
 * of the database commands from. It runs, in one JVM and with their output discarded, an {@code index} of a folder
 * holding FILE into a throwaway H2 file, then {@code query}, {@code show} and {@code jobs} on it, so the cache holds
 * the classes of the chunker, the batch job, Flyway and H2. With {@code --queries}, only the read-only commands, on an
 * empty database: their cache then holds no batch job and no Spring context. Exit code 0 when every step succeeded;
 * the launcher keeps no cache otherwise.
 */
@Command(name = "train-startup", hidden = true, description = "The launcher's training run for the ahead-of-time cache.")
final class StartupTrainingCommand implements Callable<Integer> {

	@Option(names = "--queries", description = "Train the read-only commands only: query, show and export on an empty database.")
	boolean queriesOnly;

	@Parameters(index = "0", paramLabel = "FILE", description = "A source file to chunk and index.")
	@SuppressWarnings("NullAway.Init")
	Path file;

	@Override
	public Integer call() throws IOException {
		Path work = Files.createTempDirectory("chunker-training");
		try {
			Path tree = Files.createDirectories(work.resolve("tree"));
			Files.copy(this.file, tree.resolve(this.file.getFileName().toString()));
			String db = "--db=jdbc:h2:file:" + work.resolve("db").toAbsolutePath();
			List<List<String>> queries = List.of(List.of("query", "--symbol", "main", db), List.of("query", "--text", "file", db),
					List.of("show", "0000", db), List.of("export", db));
			List<List<String>> steps = new ArrayList<>();
			if (!this.queriesOnly) {
				steps.add(List.of("index", tree.toString(), "--repo", "training", db));
			}
			steps.addAll(queries);
			if (!this.queriesOnly) {
				steps.add(List.of("jobs", db));
			}
			for (List<String> step : steps) {
				PrintWriter discard = new PrintWriter(OutputStream.nullOutputStream());
				int code = ChunkerCommand.run(discard, discard, step.toArray(String[]::new));
				// show of a chunk id that does not exist exits 1; the classes it loads are what counts.
				if (code != ChunkerCommand.OK && !"show".equals(step.get(0))) {
					return code;
				}
			}
			return ChunkerCommand.OK;
		}
		finally {
			try (Stream<Path> paths = Files.walk(work)) {
				for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(path);
				}
			}
		}
	}

}
