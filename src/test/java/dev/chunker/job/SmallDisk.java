package dev.chunker.job;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A small file system for the full-disk tests: a tmpfs mounted by the test (as root), and a filler that fills it. */
final class SmallDisk {

	static final long MIB = 1024 * 1024;

	private SmallDisk() {
	}

	/** Fills the file system of {@code dir} with {@code file} until {@code room} bytes are left. */
	static void fill(Path file, Path dir, long room) throws IOException {
		long usable = Files.getFileStore(dir).getUsableSpace();
		assertThat(usable).isGreaterThan(room);
		try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
			byte[] block = new byte[(int) MIB];
			long left = usable - room;
			while (left > 0) {
				int n = (int) Math.min(block.length, left);
				out.write(block, 0, n);
				left -= n;
			}
		}
		assertThat(Files.getFileStore(dir).getUsableSpace()).isLessThanOrEqualTo(room + MIB);
	}

	/** Runs a command (mount, umount, ...); {@code null} when it succeeded, else what it printed. */
	static String run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			return "timed out: " + String.join(" ", command);
		}
		return (process.exitValue() == 0) ? null : String.join(" ", command) + ": " + output.strip();
	}

}
