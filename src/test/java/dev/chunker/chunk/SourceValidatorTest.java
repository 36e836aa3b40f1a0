package dev.chunker.chunk;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.chunker.chunk.ChunkingException.Reason;
import dev.chunker.chunk.SourceFile.Links;
import dev.chunker.treesitter.AstCache;
import dev.chunker.treesitter.ParserPool;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** Every refusal of {@link SourceValidator}, on real files, with its reason and its one wording. */
class SourceValidatorTest {

	static final long MAX_BYTES = 1024 * 1024;

	static final ChunkRules RULES = ChunkRules.defaults().with("ruby", (ruby) -> ruby.withEnabled(false));

	static final SourceValidator VALIDATOR = new SourceValidator(RULES, new LanguageDetector(RULES), MAX_BYTES);

	@TempDir
	Path dir;

	Path source;

	@BeforeEach
	void writeSource() throws Exception {
		this.source = Files.writeString(this.dir.resolve("ok.py"), "def f():\n    return 1\n");
	}

	@Test
	void aRegularFileWithinTheLimitsPasses() throws Exception {
		SourceFile file = VALIDATOR.file(this.source, Links.REFUSE);
		assertThat(file.path()).isEqualTo(this.source);
		assertThat(file.sizeBytes()).isEqualTo(Files.size(this.source));
		assertThat(file.mtimeMillis()).isEqualTo(Files.getLastModifiedTime(this.source).toMillis());
		assertThat(file.readAll()).isEqualTo(Files.readAllBytes(this.source));
		assertThat(VALIDATOR.language("src/ok.py", file.readAll(), null)).isEqualTo("python");
	}

	@Test
	void aNamedPipeIsRefusedWithoutBeingOpened() throws Exception {
		Path pipe = this.dir.resolve("pipe.py");
		Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start();
		assertThat(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).isTrue();
		// Opening a pipe without a writer blocks: a refusal at all shows it was not opened.
		for (Links links : Links.values()) {
			assertRefused(() -> VALIDATOR.file(pipe, links), Reason.NOT_REGULAR_FILE, "not a regular file");
		}
	}

	@Test
	void aDirectoryIsNotARegularFile() {
		assertRefused(() -> VALIDATOR.file(this.dir, Links.FOLLOW), Reason.NOT_REGULAR_FILE, "not a regular file");
	}

	@Test
	void aSymbolicLinkIsFollowedOrRefusedAsAsked() throws Exception {
		Path link = Files.createSymbolicLink(this.dir.resolve("link.py"), this.source.getFileName());
		assertThat(VALIDATOR.file(link, Links.FOLLOW).sizeBytes()).isEqualTo(Files.size(this.source));
		assertRefused(() -> VALIDATOR.file(link, Links.REFUSE), Reason.NOT_REGULAR_FILE, "not a regular file");
	}

	@Test
	void aDanglingLinkOrALinkLoopIsUnreadableWhenFollowed() throws Exception {
		Path dangling = Files.createSymbolicLink(this.dir.resolve("dangling.py"), Path.of("nowhere.py"));
		assertRefused(() -> VALIDATOR.file(dangling, Links.FOLLOW), Reason.UNREADABLE, "dangling symbolic link");
		assertRefused(() -> VALIDATOR.file(dangling, Links.REFUSE), Reason.NOT_REGULAR_FILE, "not a regular file");
		Path loop = Files.createSymbolicLink(this.dir.resolve("loop1.py"), Path.of("loop2.py"));
		Files.createSymbolicLink(this.dir.resolve("loop2.py"), Path.of("loop1.py"));
		assertRefused(() -> VALIDATOR.file(loop, Links.FOLLOW), Reason.UNREADABLE, "symbolic link loop");
	}

	@Test
	void aMissingFileHasVanished() {
		Path missing = this.dir.resolve("missing.py");
		for (Links links : Links.values()) {
			assertRefused(() -> VALIDATOR.file(missing, links), Reason.VANISHED, "file vanished before it was read");
		}
	}

	@Test
	void aFileThatVanishesAfterTheCheckHasVanishedWhenRead() throws Exception {
		SourceFile file = VALIDATOR.file(this.source, Links.REFUSE);
		Files.delete(this.source);
		assertRefused(file::readAll, Reason.VANISHED, "file vanished before it was read");
		assertRefused(file::map, Reason.VANISHED, "file vanished before it was read");
	}

	@Test
	void anUnreadableFileIsRefusedWhenRead() throws Exception {
		Files.setPosixFilePermissions(this.source, PosixFilePermissions.fromString("---------"));
		assumeThat(Files.isReadable(this.source)).as("permissions are enforced (not root)").isFalse();
		SourceFile file = VALIDATOR.file(this.source, Links.REFUSE);
		assertRefused(file::readAll, Reason.UNREADABLE, "permission denied");
	}

	@Test
	void aSparseFileOverTheParsersLimitIsRefusedBeforeTheConfiguredLimit() throws Exception {
		Path huge = this.dir.resolve("huge.py");
		try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
			file.setLength(SourceValidator.PARSER_LIMIT_BYTES + 1);
		}
		assertRefused(() -> VALIDATOR.file(huge, Links.REFUSE), Reason.TOO_LARGE_FOR_PARSER,
				"file is 2147483648 bytes, over the parser's input limit (tree-sitter's 32-bit offsets, 2 GiB through jtreesitter)");
	}

	@Test
	void aFileOverTheConfiguredLimitIsTooLarge() throws Exception {
		Path big = this.dir.resolve("big.py");
		try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
			file.setLength(MAX_BYTES + 1);
		}
		assertRefused(() -> VALIDATOR.file(big, Links.REFUSE), Reason.TOO_LARGE,
				"file is 1.0 MiB, over max_file_size_mb (1.0 MiB)");
		Path exact = this.dir.resolve("exact.py");
		try (RandomAccessFile file = new RandomAccessFile(exact.toFile(), "rw")) {
			file.setLength(MAX_BYTES);
		}
		assertThat(VALIDATOR.file(exact, Links.REFUSE).sizeBytes()).isEqualTo(MAX_BYTES);
	}

	@Test
	void aNulInTheFirst8KibIsBinary() throws Exception {
		byte[] binary = "def f():\n    return 1\n\0\1\2 data".getBytes(StandardCharsets.ISO_8859_1);
		assertRefused(() -> VALIDATOR.language("a/binary.py", binary, null), Reason.BINARY,
				"binary file (NUL bytes in the first 8 KiB)");
		// A named language does not make binary content chunkable.
		assertRefused(() -> VALIDATOR.language("a/binary.py", binary, "python"), Reason.BINARY,
				"binary file (NUL bytes in the first 8 KiB)");
		byte[] lateNul = ("def f():\n    return 1\n" + "#\n".repeat(5000) + "\0").getBytes(StandardCharsets.UTF_8);
		assertThat(VALIDATOR.language("a/late.py", lateNul, null)).isEqualTo("python");
	}

	@Test
	void aFileWithoutAnEnabledLanguageIsUnsupported() {
		byte[] text = "hello\n".getBytes(StandardCharsets.UTF_8);
		assertRefused(() -> VALIDATOR.language("docs/notes.xyz", text, null), Reason.UNSUPPORTED_LANGUAGE,
				"no language for 'notes.xyz' (unknown extension and no recognised #! line)");
		// A disabled language is not detected, and not taken when named.
		assertRefused(() -> VALIDATOR.language("lib/a.rb", text, null), Reason.UNSUPPORTED_LANGUAGE,
				"no language for 'a.rb' (unknown extension and no recognised #! line)");
		assertRefused(() -> VALIDATOR.language("lib/a.rb", text, "ruby"), Reason.UNSUPPORTED_LANGUAGE,
				"language 'ruby' is disabled");
		assertRefused(() -> VALIDATOR.language("a.py", text, "cobol"), Reason.UNSUPPORTED_LANGUAGE,
				"language 'cobol' is unknown");
		// A #! line names the language of a file without an extension.
		byte[] script = "#!/usr/bin/env python3\nprint(1)\n".getBytes(StandardCharsets.UTF_8);
		assertThat(VALIDATOR.language("bin/tool", script, null)).isEqualTo("python");
	}

	@Test
	void everyEntryOfTheChunkerRefusesWithTheSameReasonAndWording() throws Exception {
		Path pipe = this.dir.resolve("pipe.py");
		assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
		Path binary = Files.write(this.dir.resolve("binary.py"), new byte[] { 'x', 0, 'y' });
		Path unknown = Files.writeString(this.dir.resolve("notes.xyz"), "hello\n");
		try (ParserPool pool = new ParserPool(1)) {
			FileChunker chunker = new FileChunker(RULES, pool, new AstCache(0, 0),
					new FileChunker.Options(MAX_BYTES, 0, 1 << 20));
			for (Path file : List.of(pipe, binary, unknown, this.dir.resolve("missing.py"))) {
				String name = file.getFileName().toString();
				ChunkingException expected = refusal(() -> chunker.chunk(file, name, null));
				List<ThrowingCallable> entries = List.of(
						() -> chunker.chunkStreaming(file, name, null, 10, (batch) -> {
						}), () -> chunker.chunkHashed(chunker.read(file), "hash", name, null),
						() -> chunker.chunk(chunker.read(file), name, null, null));
				for (ThrowingCallable entry : entries) {
					assertRefused(entry, expected.reason(), expected.getMessage());
				}
			}
		}
	}

	private static ChunkingException refusal(ThrowingCallable call) {
		try {
			call.call();
		}
		catch (ChunkingException ex) {
			return ex;
		}
		catch (Throwable ex) {
			throw new AssertionError("expected a ChunkingException", ex);
		}
		throw new AssertionError("expected a refusal");
	}

	private static void assertRefused(ThrowingCallable call, Reason reason, String message) {
		assertThatThrownBy(call).isInstanceOfSatisfying(ChunkingException.class, (ex) -> {
			assertThat(ex.reason()).isEqualTo(reason);
			assertThat(ex.getMessage()).isEqualTo(message);
		});
	}

}
