package dev.chunker.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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

	private static final long MIB = SmallDisk.MIB;

	private Path mounted;

	@AfterEach
	void unmount() throws Exception {
		if (this.mounted != null) {
			SmallDisk.run("umount", this.mounted.toString());
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

		// The reference, how large its database grows, and how large the database of an empty tree is (schema, job
		// repository): the disk must fill after the first chunks are committed, so the room sits between the two.
		Indexed reference = index(tree, Files.createDirectories(dir.resolve("clean")), config);
		Digest clean = reference.digest();
		long cleanSize = reference.size();
		long emptySize = index(Files.createDirectories(dir.resolve("empty-tree")),
				Files.createDirectories(dir.resolve("empty")), config).size();
		assertThat(cleanSize).isGreaterThan(emptySize);

		// A file system with room for three quarters of the chunk data once the filler is in, and, once the filler is gone, for
		// twice the database: a resumed run grows the file past the clean run's size (H2 appends before it reclaims).
		Path disk = Files.createDirectories(dir.resolve("disk"));
		long diskSize = 2 * cleanSize + 32 * MIB;
		mount(disk, diskSize / MIB + 1);
		Path filler = disk.resolve("filler.bin");
		SmallDisk.fill(filler, disk, emptySize + 3 * (cleanSize - emptySize) / 4);

		try (TestDatabase database = TestDatabase.create(Db.H2, disk)) {
			String dbFile = disk.resolve(database.url().substring(database.url().lastIndexOf('/') + 1) + ".mv.db").toString();
			ProcessBuilder child = JobTestSupport.childChunker(List.of(), "index", tree.toString(), "--repo", "sample",
					"--db", database.url(), "--threads", "2", "--config", config.toString());
			Cli full = JobTestSupport.runChild(child, Duration.ofMinutes(3));
			assertThat(full.exitCode()).as(full.all()).isEqualTo(1);
			// The in-flight journal next to the database may not fit either, or the store may not close: each says so in a
			// warning and the command goes on; the failure itself is one line.
			List<String> errors = full.err().lines().filter((line) -> !line.isBlank() && !line.startsWith("warning: ")).toList();
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
			// H2 writes committed transactions to its file in the background, so a store that met the full disk may
			// have kept none of the chunk step's commits, or even none of the job repository's rows.
			long committed = database.count("SELECT COUNT(*) FROM files");
			assertThat(committed).as("the disk filled before the end of the chunk step\n%s", full.all()).isLessThan(total);
			boolean recorded = database.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION") > 0;
			Thread.sleep((LOCK_TTL_SECONDS + 1) * 1000L);
			Cli resumed = JobTestSupport.runChild(JobTestSupport.childChunker(List.of(), "index", tree.toString(),
					"--repo", "sample", "--db", database.url(), "--threads", "2", "--config", config.toString()),
					Duration.ofMinutes(3));
			assertThat(resumed.exitCode()).as(resumed.all()).isZero();
			assertThat(resumed.out()).contains("COMPLETED run 1 of 'sample'")
				.contains(recorded ? ", resumed" : "COMPLETED")
				.contains(total + " scanned, " + total + " new, 0 changed, 0 unchanged, 0 deleted, 0 failed");
			assertThat(database.strings("SELECT status FROM runs")).containsExactly("COMPLETED");
			JobTestSupport.assertSameRows(database.digest(), clean);
		}
	}

	/**
	 * Indexes {@code tree} into a new H2 file database in {@code dbDir}: its rows, and the size its file grew to.
	 * AUTO_SERVER: the file keeps that size (an embedded file is compacted after the run).
	 */
	private static Indexed index(Path tree, Path dbDir, Path config) throws Exception {
		Digest digest;
		try (TestDatabase database = TestDatabase.create(Db.H2, dbDir, true)) {
			Cli run = chunker("index", tree.toString(), "--repo", "sample", "--db", database.url(), "--threads", "2",
					"--config", config.toString());
			assertThat(run.exitCode()).as(run.all()).isZero();
			digest = database.digest();
		}
		try (var files = Files.list(dbDir)) {
			return new Indexed(digest, files.filter((p) -> p.toString().endsWith(".mv.db")).mapToLong(DiskFullTest::size).sum());
		}
	}

	private record Indexed(Digest digest, long size) {
	}

	/** Mounts a tmpfs of {@code mib} MiB on {@code dir}, or skips the test where that is not allowed. */
	private void mount(Path dir, long mib) throws Exception {
		String result;
		try {
			result = SmallDisk.run("mount", "-t", "tmpfs", "-o", "size=" + mib + "M", "tmpfs", dir.toString());
		}
		catch (IOException ex) {
			result = ex.getMessage();
		}
		assumeTrue(result == null, "cannot mount a tmpfs for the full-disk test (needs root and mount rights): " + result);
		this.mounted = dir;
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
