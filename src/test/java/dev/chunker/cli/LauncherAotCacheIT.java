package dev.chunker.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code chunker} launcher on the packaged jar: it makes the ahead-of-time cache once, reuses it while nothing
 * changed, and makes it again (never maps it) when the cache was changed behind its back; every run prints the
 * command's own output and nothing of the JVM's cache handling.
 */
class LauncherAotCacheIT {

	private static final Path ROOT = Path.of("").toAbsolutePath();

	private static final Path CACHE = ROOT.resolve("target/aot/tools.aot");

	private static final Path DB_CACHE = ROOT.resolve("target/aot/db.aot");

	@Test
	void theCacheIsMadeOnceReusedAndRemadeWhenChanged() throws Exception {
		Run first = languages();
		assertThat(first.code).isZero();
		assertThat(first.out).startsWith("LANGUAGE").contains("python");
		assertThat(first.err).doesNotContainIgnoringCase("aot").doesNotContainIgnoringCase("cds");
		assertThat(CACHE).isNotEmptyFile();
		assertThat(ROOT.resolve("target/aot/tools.stamp")).isNotEmptyFile();
		FileTime made = Files.getLastModifiedTime(CACHE);

		Run second = languages();
		assertThat(second.code).isZero();
		assertThat(second.out).isEqualTo(first.out);
		assertThat(Files.getLastModifiedTime(CACHE)).as("reused, not made again").isEqualTo(made);

		// Damaged in place (same size, new mtime): the stamp no longer matches, so it is made again, not mapped.
		byte[] bytes = Files.readAllBytes(CACHE);
		for (int i = 4096; i < Math.min(bytes.length, 4096 + 64); i++) {
			bytes[i] = (byte) 0x5A;
		}
		Files.write(CACHE, bytes);
		Files.setLastModifiedTime(CACHE, FileTime.fromMillis(made.toMillis() + 5_000));
		Run third = languages();
		assertThat(third.code).isZero();
		assertThat(third.out).isEqualTo(first.out);
		assertThat(third.err).doesNotContainIgnoringCase("aot").doesNotContainIgnoringCase("cds");
		assertThat(Files.readAllBytes(CACHE)).as("made again").isNotEqualTo(bytes);

		// Disabled: the plain jar, same output.
		Run off = run("CHUNKER_AOT", "off", "languages");
		assertThat(off.code).isZero();
		assertThat(off.out).isEqualTo(first.out);
	}

	/**
	 * The database commands have caches of their own (an index's, trained by an index, queries and shows on a throwaway
	 * database; the read-only commands', by queries on an empty one): an index and a query through them print what the
	 * plain jar prints.
	 */
	@Test
	void aDatabaseCommandGetsItsOwnCacheAndTheSameOutput(@TempDir Path dir) throws Exception {
		Path tree = Files.createDirectories(dir.resolve("tree"));
		Files.copy(ROOT.resolve("src/main/java/dev/chunker/chunk/SourceText.java"), tree.resolve("SourceText.java"));
		String db = "--db=jdbc:h2:file:" + dir.resolve("db");
		Run index = run("CHUNKER_AOT", "on", "index", tree.toString(), "--repo", "aot", db);
		assertThat(index.code).as(index.err).isZero();
		assertThat(index.out).contains("COMPLETED run 1 of 'aot'");
		assertThat(DB_CACHE).isNotEmptyFile();
		assertThat(ROOT.resolve("target/aot/db.stamp")).isNotEmptyFile();
		Run cached = run("CHUNKER_AOT", "on", "query", "--symbol", "SourceText", db);
		Run plain = run("CHUNKER_AOT", "off", "query", "--symbol", "SourceText", db);
		assertThat(cached.code).as(cached.err).isZero();
		assertThat(cached.out).contains("SourceText").isEqualTo(plain.out);
		assertThat(cached.err).doesNotContainIgnoringCase("aot").doesNotContainIgnoringCase("cds");
		assertThat(ROOT.resolve("target/aot/query.aot")).as("the read-only commands' own cache").isNotEmptyFile();
	}

	private static Run languages() throws IOException, InterruptedException {
		return run("CHUNKER_AOT", "on", "languages");
	}

	private static Run run(String key, String value, String... command) throws IOException, InterruptedException {
		Path out = Files.createTempFile("launcher", ".out");
		Path err = Files.createTempFile("launcher", ".err");
		List<String> line = new ArrayList<>(List.of(ROOT.resolve("chunker").toString()));
		line.addAll(List.of(command));
		ProcessBuilder builder = new ProcessBuilder(line).directory(ROOT.toFile())
			.redirectOutput(out.toFile())
			.redirectError(err.toFile());
		builder.environment().put("CHUNKER_SKIP_BUILD", "1");
		builder.environment().put(key, value);
		Process process = builder.start();
		assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("the launcher ends").isTrue();
		Run run = new Run(process.exitValue(), Files.readString(out), Files.readString(err));
		Files.delete(out);
		Files.delete(err);
		return run;
	}

	private record Run(int code, String out, String err) {
	}

}
