package dev.chunker.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import dev.chunker.chunk.CodeChunk;
import dev.chunker.chunk.FileChunks;
import dev.chunker.settings.ChunkerRuntime;
import dev.chunker.settings.ChunkerSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The search vector the loader writes is the one PostgreSQL computes itself: for every chunk of real Python and Java
 * files, {@link SearchVector#of} read as a {@code tsvector} equals the server's own tokenisation of the same name,
 * qualified name and text with the expression the column had before chunks became spans. PostgreSQL is the oracle.
 */
class SearchVectorTest {

	/** The expression of {@code chunks.search_vector} in V3 (before V8 dropped it). */
	private static final String SERVER_VECTOR = "setweight(to_tsvector('simple', regexp_replace(coalesce(?, '') || ' ' "
			+ "|| coalesce(?, ''), '[^[:alnum:]]+', ' ', 'g')), 'A') || setweight(to_tsvector('simple', "
			+ "regexp_replace(left(?, 100000), '[^[:alnum:]]+', ' ', 'g')), 'D')";

	@Test
	void everyChunkOfRealCodeGetsTheServersVector() throws Exception {
		List<CodeChunk> chunks = new ArrayList<>();
		try (ChunkerRuntime runtime = ChunkerSettings.load(null, Map.of(), Map.of()).newChunkerRuntime()) {
			for (Path file : pythonFiles()) {
				FileChunks fileChunks = runtime.chunker().chunk(file, file.getFileName().toString(), null);
				chunks.addAll(fileChunks.chunks());
			}
			Path zip = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/lib/src.zip");
			assumeTrue(Files.isRegularFile(zip), "no JDK src.zip");
			try (ZipFile sources = new ZipFile(zip.toFile())) {
				List<? extends ZipEntry> entries = sources.stream()
					.filter((e) -> e.getName().startsWith("java.base/java/util/") && e.getName().endsWith(".java"))
					.limit(60)
					.toList();
				for (ZipEntry entry : entries) {
					try (InputStream in = sources.getInputStream(entry)) {
						chunks.addAll(runtime.chunker().chunkHashed(in.readAllBytes(), "0".repeat(40), entry.getName(), null).chunks());
					}
				}
			}
		}
		assertThat(chunks).hasSizeGreaterThan(2_000);
		List<String> differing = new ArrayList<>();
		try (Connection connection = connect();
				PreparedStatement same = connection.prepareStatement("SELECT ?::tsvector = (" + SERVER_VECTOR + ")")) {
			for (CodeChunk chunk : chunks) {
				String content = StoredText.storable(chunk.content());
				same.setString(1, SearchVector.of(chunk.name(), chunk.qualifiedName(), content));
				same.setString(2, chunk.name());
				same.setString(3, chunk.qualifiedName());
				same.setString(4, content);
				try (ResultSet rs = same.executeQuery()) {
					rs.next();
					if (!rs.getBoolean(1)) {
						differing.add(chunk.filePath() + ":" + chunk.startLine() + " " + chunk.name());
					}
				}
			}
		}
		assertThat(differing).as("chunks whose vector differs from the server's").isEmpty();
	}

	@Test
	void wordsAreRunsOfLettersAndDigitsWithPositionsAfterTheNames() {
		assertThat(SearchVector.of("parse_args", null, "def parse_args(x): return x"))
			.isEqualTo("'parse':1A,4 'args':2A,5 'def':3 'x':6,8 'return':7");
		assertThat(SearchVector.of(null, null, "")).isEmpty();
	}

	private static List<Path> pythonFiles() throws IOException {
		Path lib = Path.of("/usr/lib/python3.11");
		assumeTrue(Files.isDirectory(lib), "no Python library");
		try (Stream<Path> files = Files.list(lib)) {
			return files.filter((p) -> p.toString().endsWith(".py")).sorted().limit(60).toList();
		}
	}

	private static Connection connect() throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
	}

}
