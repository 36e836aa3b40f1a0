package dev.chunker.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.chunker.job.JobTestSupport.Cli;
import dev.chunker.job.JobTestSupport.Digest;
import dev.chunker.job.JobTestSupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * PostgreSQL's disk fills up in the middle of a cold run: a private server of the test's own whose database lives
 * in a tablespace on a small tmpfs (mounted by the test as root; skipped where mounting is not allowed), filled up
 * by the test so that room for only a part of the run's rows is left. The child {@code chunker index} fails with
 * one line naming the database and "no space left" (PostgreSQL's {@code disk_full}, SQLSTATE 53100), no stack
 * trace; once space is freed, the next {@code chunker index} resumes the run and ends with the rows of an
 * uninterrupted run on the same server.
 * <p>
 * The tablespace, not the whole data directory, is on the small file system: a full disk under the write-ahead log
 * makes PostgreSQL stop itself (PANIC), which the run sees as an outage (tested by {@code DatabaseOutageTest}); a
 * full disk under the tables is the failure that reaches the run as {@code disk_full}.
 */
@Timeout(300)
class PostgresDiskFullTest {

	private static final long MIB = SmallDisk.MIB;

	private Path mounted;

	@AfterEach
	void unmount() throws Exception {
		if (this.mounted != null) {
			SmallDisk.run("umount", this.mounted.toString());
			Files.deleteIfExists(this.mounted);
		}
	}

	@Test
	void aFullDiskUnderTheDatabaseFailsTheRunInOneLineAndTheRunAfterFreeingSpaceCompletesIt(@TempDir Path dir)
			throws Exception {
		// The mount point is where the server's user can reach it (a test's temporary folder is the test user's own).
		Path disk = Files.createTempDirectory(Path.of("/tmp"), "chunker-pg-disk-");
		Files.setPosixFilePermissions(disk, PosixFilePermissions.fromString("rwxr-xr-x"));
		mount(disk, 256);
		Path tree = JobTestSupport.sampleTree(dir.resolve("tree"));
		int total = JobTestSupport.relativeFiles(tree).size();
		Path config = JobTestSupport.config(dir, """
				index:
				  commit_interval: 5
				  lock_ttl_seconds: 2
				database:
				  outage_tolerance_s: 2
				""");
		try (PrivatePostgres server = PrivatePostgres.start()) {
			// The reference on the same server, in the default tablespace, and how much its database grew.
			TestDatabase clean = TestDatabase.existing("clean", server.createDatabase("clean"));
			Cli cleanRun = JobTestSupport.chunker(index(tree, clean, config));
			assertThat(cleanRun.exitCode()).as(cleanRun.all()).isZero();
			Digest reference = clean.digest();
			long grown = clean.count("SELECT pg_database_size('clean') - pg_database_size('template1')");
			assertThat(grown).isGreaterThan(4 * MIB);

			server.execute("CREATE TABLESPACE small LOCATION '" + disk + "'", "CREATE DATABASE full_disk TABLESPACE small");
			TestDatabase database = TestDatabase.existing("full_disk", server.url("full_disk"));
			// Room for a quarter of what the run writes.
			Path filler = disk.resolve("filler.bin");
			SmallDisk.fill(filler, disk, grown / 4);

			Cli full = JobTestSupport.runChild(JobTestSupport.childChunker(List.of(), index(tree, database, config)),
					Duration.ofMinutes(3));
			System.out.println("--- full disk, the run printed:\n" + full.all());
			assertThat(full.exitCode()).as(full.all()).isEqualTo(1);
			// The run ends with its summary, whose one line of failure says why, and whose last names the database.
			assertThat(full.out().lines().filter((line) -> line.toLowerCase(java.util.Locale.ROOT).contains("no space left")))
				.as(full.all()).containsExactly("  the run did not complete: no space left on device for the database; "
						+ "free space there and run 'chunker index' again to resume the run");
			assertThat(full.out()).as(full.all()).contains("  database " + server.url("full_disk") + "\n")
				.doesNotContain(", resumed");
			assertThat(full.all()).as("no stack trace without --verbose").doesNotContain("\tat ").doesNotContain("Exception");
			long committed = database.count("SELECT COUNT(*) FROM files");
			assertThat(committed).as("the disk filled in the middle of the chunk step").isBetween(1L, total - 1L);
			// One execution, not resumed in the same process (a full disk is no outage that passes): left FAILED, or
			// UNKNOWN when the full disk kept its status from being saved; the next start recovers either.
			assertThat(database.strings("SELECT status FROM BATCH_JOB_EXECUTION")).singleElement().isIn("FAILED", "UNKNOWN");

			// Space freed: the next index resumes the run.
			Files.delete(filler);
			Thread.sleep(3000);
			Cli resumed = JobTestSupport.chunker(index(tree, database, config));
			assertThat(resumed.exitCode()).as(resumed.all()).isZero();
			assertThat(resumed.out()).contains("COMPLETED run 1 of 'sample'").contains(", resumed")
				.contains(total + " scanned, " + total + " new, 0 changed, 0 unchanged, 0 deleted, 0 failed");
			assertThat(database.strings("SELECT status FROM runs")).containsExactly("COMPLETED");
			JobTestSupport.assertSameRows(database.digest(), reference);
			server.execute("DROP DATABASE full_disk", "DROP TABLESPACE small");
		}
	}

	private static String[] index(Path tree, TestDatabase database, Path config) {
		return new String[] { "index", tree.toString(), "--repo", "sample", "--db", database.url(), "--threads", "2",
				"--config", config.toString() };
	}

	/** Mounts a tmpfs of {@code mib} MiB owned by the server's user on {@code dir}, or skips the test. */
	private void mount(Path dir, long mib) throws Exception {
		String uid = idOf("-u");
		String result;
		if (!uid.matches("\\d+")) {
			result = "no user postgres";
		}
		else {
			try {
				result = SmallDisk.run("mount", "-t", "tmpfs", "-o", "size=" + mib + "M,mode=0700,uid=" + uid + ",gid=" + idOf("-g"),
						"tmpfs", dir.toString());
			}
			catch (IOException ex) {
				result = ex.getMessage();
			}
		}
		if (result != null) {
			Files.deleteIfExists(dir);
		}
		assumeTrue(result == null, "cannot mount a tmpfs for the PostgreSQL full-disk test (needs root and mount rights): " + result);
		this.mounted = dir;
	}

	private static String idOf(String option) throws Exception {
		Process process = new ProcessBuilder("id", option, "postgres").start();
		String output = new String(process.getInputStream().readAllBytes()).strip();
		process.waitFor(10, TimeUnit.SECONDS);
		return output;
	}

}
