package dev.chunker.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import dev.chunker.chunk.ChunkingException;
import dev.chunker.chunk.CodeChunk;
import dev.chunker.chunk.FileChunker;
import dev.chunker.chunk.FileChunks;
import dev.chunker.pack.FilePacker;
import dev.chunker.pack.PackOptions;
import dev.chunker.settings.ChunkerSettings;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code chunker chunk FILE}: prints the chunks of one file. */
@Command(name = "chunk", description = "Print the chunks of one file.", mixinStandardHelpOptions = true)
final class ChunkCommand implements Callable<Integer> {

	@Spec
	@SuppressWarnings("NullAway.Init")
	CommandSpec spec;

	@Parameters(index = "0", paramLabel = "FILE", description = "The source file.")
	@SuppressWarnings("NullAway.Init")
	Path file;

	@Option(names = "--language", paramLabel = "L", description = "Language (default: detected from the name or #! line).")
	@Nullable String language;

	@Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl",
			description = "jsonl (default), json or table.")
	String format = "jsonl";

	@Option(names = "--view", paramLabel = "VIEW", defaultValue = "definitions",
			description = "definitions (default: one chunk per definition) or packed (windows that cover the file exactly, each within the budget).")
	String view = "definitions";

	@Option(names = "--packed", description = "The same as --view packed.")
	boolean packed;

	@Option(names = "--budget", paramLabel = "N", description = "Packed view: the most a window holds (default 1500 nws_chars, 512 tokens).")
	@Nullable Integer budget;

	@Option(names = "--unit", paramLabel = "UNIT", defaultValue = "nws_chars",
			description = "Packed view: what the budget counts, nws_chars (default) or tokens.")
	String unit = "nws_chars";

	@Option(names = "--encoding", paramLabel = "E", defaultValue = "cl100k_base",
			description = "Packed view: token encoding of token_count and of a token budget, cl100k_base (default) or o200k_base.")
	String encoding = "cl100k_base";

	@Mixin
	@SuppressWarnings("NullAway.Init")
	CommonOptions options;

	@Override
	public Integer call() throws Exception {
		if (!List.of("jsonl", "json", "table").contains(this.format)) {
			throw new ChunkerCommand.UsageException("--format must be jsonl, json or table, not '" + this.format + "'");
		}
		if (!List.of("definitions", "packed").contains(this.view)) {
			throw new ChunkerCommand.UsageException("--view must be definitions or packed, not '" + this.view + "'");
		}
		this.packed |= this.view.equals("packed");
		if (!this.packed && (this.budget != null || !"nws_chars".equals(this.unit) || !"cl100k_base".equals(this.encoding))) {
			throw new ChunkerCommand.UsageException("--budget, --unit and --encoding apply to the packed view: add --view packed");
		}
		PackOptions packOptions = this.packed ? PackedOutput.options(this.budget, this.unit, this.encoding) : null;
		ChunkerSettings settings = this.options.settings(java.util.Map.of());
		if (this.language != null && settings.rules().get(this.language) == null) {
			throw new ChunkerCommand.UsageException("unknown language '" + this.language + "'; see 'chunker languages'");
		}
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		if (!Files.exists(this.file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
			err.println("chunker: " + this.file + ": no such file");
			return ChunkerCommand.FAILED;
		}
		// One file per process: an AST cache could never hit.
		try (var runtime = settings.newUncachedChunkerRuntime()) {
			FileChunker chunker = runtime.chunker();
			FileChunks result;
			try {
				if (packOptions != null) {
					PackedOutput.write(out, new FilePacker(chunker, settings.memory().maxFileBytes())
						.pack(this.file, displayPath(this.file), this.language, packOptions), this.format);
					out.flush();
					return ChunkerCommand.OK;
				}
				result = chunker.chunk(this.file, displayPath(this.file), this.language);
			}
			catch (ChunkingException ex) {
				err.println("chunker: " + this.file + ": " + ex.getMessage() + " [" + ex.reason().code() + "]");
				return ChunkerCommand.FAILED;
			}
			switch (this.format) {
				case "json" -> ChunkJson.writeArray(out, result.chunks());
				case "table" -> table(out, result);
				default -> result.chunks().forEach((chunk) -> out.println(ChunkJson.line(chunk)));
			}
			out.flush();
			return ChunkerCommand.OK;
		}
	}

	/** The path as given, with {@code /} separators and without a leading {@code ./}. */
	static String displayPath(Path file) {
		String path = file.normalize().toString().replace('\\', '/');
		return path.startsWith("./") ? path.substring(2) : path;
	}

	private static void table(PrintWriter out, FileChunks result) {
		out.printf("%-28s %-40s %7s %7s %5s%n", "TYPE", "QUALIFIED NAME", "LINES", "BYTES", "PART");
		for (CodeChunk chunk : result.chunks()) {
			String name = (chunk.qualifiedName() != null) ? chunk.qualifiedName() : "-";
			out.printf("%-28s %-40s %7s %7d %5s%n", chunk.nodeType(), name, chunk.startLine() + "-" + chunk.endLine(),
					chunk.byteEnd() - chunk.byteStart(), (chunk.partIndex() + 1) + "/" + chunk.partCount());
		}
		out.printf("%d chunks, %s, %d bytes%n", result.chunks().size(), result.language(), result.sizeBytes());
	}

}
