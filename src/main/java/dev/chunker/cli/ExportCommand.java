package dev.chunker.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.chunker.query.QueryService;
import dev.chunker.settings.ChunkerSettings;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.json.JsonMapper;

/** {@code chunker export}: every stored chunk (or window of the packed view) as JSON lines, streamed. */
@Command(name = "export", mixinStandardHelpOptions = true,
		description = "Write every stored chunk as JSON lines (ordered by repository, path and position), in bounded memory.")
final class ExportCommand implements Callable<Integer> {

	@Spec
	@SuppressWarnings("NullAway.Init")
	CommandSpec spec;

	@Option(names = "--repo", paramLabel = "NAME", description = "Only this repository.")
	@Nullable String repo;

	@Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl", description = "jsonl (the only format).")
	String format = "jsonl";

	@Option(names = "--view", paramLabel = "VIEW", defaultValue = "definitions",
			description = "definitions (default: the chunks) or packed (the packed view's windows).")
	String view = "definitions";

	@Option(names = "--output", paramLabel = "FILE", description = "Write to FILE (replaced when complete) instead of standard output.")
	@Nullable Path output;

	@Mixin
	@SuppressWarnings("NullAway.Init")
	DatabaseOptions options;

	@Override
	public Integer call() throws IOException {
		if (!this.format.equals("jsonl")) {
			throw new ChunkerCommand.UsageException("--format must be jsonl, not '" + this.format + "'");
		}
		if (this.output != null && Files.isDirectory(this.output)) {
			throw new ChunkerCommand.UsageException("--output " + this.output + " is a directory");
		}
		boolean packed = QueryOptions.packedView(this.view);
		ChunkerSettings settings = this.options.settings(Map.of());
		PrintWriter out = this.spec.commandLine().getOut();
		try (QueryDatabase database = QueryDatabase.open(settings, this.options.url(settings), this.options.verbose, false)) {
			QueryService queries = database.queries();
			Long repoId = QueryOptions.repoId(queries, this.repo);
			if (this.output == null) {
				export(queries, repoId, packed, out);
				out.flush();
				return ChunkerCommand.OK;
			}
			Path target = this.output.toAbsolutePath();
			Path temporary = target.resolveSibling("." + target.getFileName() + ".part");
			long count;
			try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
				count = export(queries, repoId, packed, writer);
			}
			catch (RuntimeException | IOException ex) {
				Files.deleteIfExists(temporary);
				throw ex;
			}
			Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			out.println("chunker: exported " + count + (packed ? " windows" : " chunks") + " to " + this.output);
			out.flush();
			return ChunkerCommand.OK;
		}
	}

	private static long export(QueryService queries, @Nullable Long repoId, boolean packed, Writer writer) {
		JsonMapper json = ChunkJson.mapper();
		long[] count = { 0 };
		java.util.function.Consumer<Object> line = (row) -> {
			try {
				writer.write(json.writeValueAsString(row));
				writer.write('\n');
				count[0]++;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		};
		if (packed) {
			queries.windows().export(repoId, line::accept);
		}
		else {
			queries.search().export(repoId, line::accept);
		}
		return count[0];
	}

}
