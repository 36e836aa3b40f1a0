package dev.chunker.job;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.chunker.job.JobTestSupport.Cli;
import dev.chunker.job.JobTestSupport.Db;
import dev.chunker.job.JobTestSupport.Digest;
import dev.chunker.job.JobTestSupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static dev.chunker.job.JobTestSupport.chunker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An H2 file database on a file system that fills up in the middle of a cold run: the child {@code chunker index}
 * fails with one line naming the database file and "no space left", no stack trace; once space is freed, the next
 * {@code chunker index} resumes the run and ends with exactly the rows of an uninterrupted run. The file system is
 * a small tmpfs mounted by the test (as root); the test is skipped where mounting is not allowed.
 */
@Timeout(300)
class DiskFullTest {

	private static final int LOCK_TTL_SECONDS = 2;

	private static final long MIB = 1024 * 1024;

	private Path mounted;

	@AfterEach
	void unmount() throws Exception {
		if (this.mounted != null) {
			run("umount", this.mounted.toString());
		}
	}

	@Test
	void aFullDiskFailsTheRunInOneLineAndTheRunAfterFreeingSpaceCompletesIt(@TempDir Path dir) throws Exception {
		Path tree = JobTestSupport.sampleTree(dir.resolve("tree"));
		int total = JobTestSupport.relativeFiles(tree).size();
		Path config = JobTestSupport.config(dir, """
				index:
				  commit_interval: 5
				  lock_ttl_seconds: %d
				""".formatted(LOCK_TTL_SECONDS));

		// The reference, and how large its database grows.
		Digest clean;
		long cleanSize;
		Path cleanDir = Files.createDirectories(dir.resolve("clean"));
		// AUTO_SERVER: the file keeps the size the run grew it to (an embedded file is compacted after the run).
		try (TestDatabase database = TestDatabase.create(Db.H2, cleanDir, true)) {
			Cli run = chunker("index", tree.toString(), "--repo", "sample", "--db", database.url(), "--threads", "2",
					"--config", config.toString());
			assertThat(run.exitCode()).as(run.all()).isZero();
			clean = database.digest();
		}
		try (var files = Files.list(cleanDir)) {
			cleanSize = files.filter((p) -> p.toString().endsWith(".mv.db")).mapToLong(DiskFullTest::size).sum();
		}
		assertThat(cleanSize).isPositive();

		// A file system with room for half of that database once the filler is in.
		Path disk = Files.createDirectories(dir.resolve("disk"));
		long diskSize = cleanSize + 16 * MIB;
		mount(disk, diskSize / MIB + 1);
		Path filler = disk.resolve("filler.bin");
		fill(filler, disk, cleanSize / 2);

		try (TestDatabase database = TestDatabase.create(Db.H2, disk)) {
			String dbFile = disk.resolve(database.url().substring(database.url().lastIndexOf('/') + 1) + ".mv.db").toString();
			ProcessBuilder child = JobTestSupport.childChunker(List.of(), "index", tree.toString(), "--repo", "sample",
					"--db", database.url(), "--threads", "2", "--config", config.toString());
			Cli full = JobTestSupport.runChild(child, Duration.ofMinutes(3));
			assertThat(full.exitCode()).as(full.all()).isEqualTo(1);
			// The in-flight journal next to the database may not fit either: it says so in a warning and the run goes
			// on unprotected; the failure itself is one line.
			List<String> errors = full.err().lines().filter((line) -> !line.isBlank() && !line.startsWith("warning: no in-flight journal")).toList();
			assertThat(errors).as(full.all()).hasSize(1);
			assertThat(errors.get(0)).as(full.all())
				.startsWith("chunker: ")
				.containsIgnoringCase("no space left")
				.contains(dbFile);
			assertThat(full.out()).as("no stack trace without --verbose\n" + full.all())
				.doesNotContain("\tat ")
				.doesNotContain("Exception");

			// Space freed: the run stopped in the middle, and the next index resumes it.
			Files.delete(filler);
			long committed = database.count("SELECT COUNT(*) FROM files");
			assertThat(committed).as("the disk filled in the middle of the chunk step").isBetween(1L, total - 1L);
			Thread.sleep((LOCK_TTL_SECONDS + 1) * 1000L);
			Cli resumed = JobTestSupport.runChild(JobTestSupport.childChunker(List.of(), "index", tree.toString(),
					"--repo", "sample", "--db", database.url(), "--threads", "2", "--config", config.toString()),
					Duration.ofMinutes(3));
			assertThat(resumed.exitCode()).as(resumed.all()).isZero();
			assertThat(resumed.out()).contains("COMPLETED run 1 of 'sample'").contains(", resumed")
				.contains(total + " scanned, " + total + " new, 0 changed, 0 unchanged, 0 deleted, 0 failed");
			assertThat(database.strings("SELECT status FROM runs")).containsExactly("COMPLETED");
			JobTestSupport.assertSameRows(database.digest(), clean);
		}
	}

	/** Mounts a tmpfs of {@code mib} MiB on {@code dir}, or skips the test where that is not allowed. */
	private void mount(Path dir, long mib) throws Exception {
		String result;
		try {
			result = run("mount", "-t", "tmpfs", "-o", "size=" + mib + "M", "tmpfs", dir.toString());
		}
		catch (IOException ex) {
			result = ex.getMessage();
		}
		assumeTrue(result == null, "cannot mount a tmpfs for the full-disk test (needs root and mount rights): " + result);
		this.mounted = dir;
	}

	/** Fills the file system of {@code dir} with {@code file} until {@code room} bytes are left. */
	private static void fill(Path file, Path dir, long room) throws IOException {
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

	/** Runs a command; {@code null} when it succeeded, else what it printed. */
	private static String run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			return "timed out: " + String.join(" ", command);
		}
		return (process.exitValue() == 0) ? null : String.join(" ", command) + ": " + output.strip();
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
