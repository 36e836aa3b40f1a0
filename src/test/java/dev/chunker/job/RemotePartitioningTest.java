package dev.chunker.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import dev.chunker.job.JobTestSupport.Cli;
import dev.chunker.job.JobTestSupport.Db;
import dev.chunker.job.JobTestSupport.Digest;
import dev.chunker.job.JobTestSupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static dev.chunker.job.JobTestSupport.chunker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Remote partitioning end to end, against the real RabbitMQ broker and PostgreSQL server, with manager and workers as
 * child JVMs: two workers index a tree into exactly the rows of a local run; a worker killed in the middle of a
 * partition leaves it to another, which resumes it after its last commit; a manager without any worker fails after
 * the worker timeout with one sentence and its restart completes once a worker is there; an embedded H2 database is
 * refused. Each test has a queue of its own, so tests and other runs on the broker do not mix.
 */
@Timeout(600)
class RemotePartitioningTest {

	@TempDir
	Path dir;

	private Path tree;

	private Path config;

	private final List<Process> workers = new ArrayList<>();

	@BeforeEach
	void setUp() throws IOException {
		this.tree = JobTestSupport.sampleTree(this.dir.resolve("tree"));
		this.config = config(4);
	}

	/** The settings of a test: a queue of its own, a short poll, and the given worker timeout. */
	private Path config(int workerTimeoutSeconds) throws IOException {
		return JobTestSupport.config(Files.createTempDirectory(this.dir, "config"), """
				index:
				  commit_interval: 5
				  lock_ttl_seconds: 2
				remote:
				  queue: chunker.test.%s
				  poll_interval_ms: 200
				  worker_timeout_s: %d
				""".formatted(UUID.randomUUID(), workerTimeoutSeconds));
	}

	@AfterEach
	void stopWorkers() throws InterruptedException {
		for (Process worker : this.workers) {
			worker.destroyForcibly().waitFor();
		}
	}

	@Test
	void twoWorkersIndexATreeIntoTheRowsOfALocalRun() throws Exception {
		Digest clean = JobTestSupport.cleanRun(Db.POSTGRESQL, "sample", this.tree, this.dir);
		try (TestDatabase database = TestDatabase.create(Db.POSTGRESQL, this.dir)) {
			migrate(database);
			startWorker(database, "a", List.of());
			startWorker(database, "b", List.of());
			awaitLiveWorkers(database, 2);
			Cli manager = index(database);
			assertThat(manager.exitCode()).as(manager.all()).isZero();
			assertThat(manager.out()).contains("COMPLETED run 1 of 'sample'");
			JobTestSupport.assertSameRows(database.digest(), clean);
			// Every partition ran in a worker, none in the manager, and each exactly once.
			long partitions = database.count("SELECT COUNT(*) FROM batch_step_execution WHERE step_name LIKE 'chunkFilesWorker:%'");
			assertThat(partitions).isPositive();
			await(() -> database.count("SELECT COALESCE(SUM(finished), 0) FROM remote_workers") == partitions,
					"the workers report every partition finished");
			assertThat(database.count("SELECT COUNT(*) FROM remote_workers WHERE finished > 0")).as("both workers took partitions").isEqualTo(2);
			// A stopped worker (SIGTERM) removes its row.
			this.workers.get(0).destroy();
			this.workers.get(0).waitFor();
			await(() -> database.count("SELECT COUNT(*) FROM remote_workers") == 1, "the stopped worker's row is removed");
		}
	}

	@Test
	void aWorkerKilledInThePartitionLeavesItToAnotherThatResumesAfterItsLastCommit() throws Exception {
		Digest clean = JobTestSupport.cleanRun(Db.POSTGRESQL, "sample", this.tree, this.dir);
		int total = JobTestSupport.relativeFiles(this.tree).size();
		// A timeout longer than a worker's start: the dead worker is known dead by its pid (same host), not by age.
		this.config = config(120);
		try (TestDatabase database = TestDatabase.create(Db.POSTGRESQL, this.dir)) {
			migrate(database);
			Process slow = startWorker(database, "slow", List.of(FaultInjection.SLOW_ENV + "=60"));
			awaitLiveWorkers(database, 1);
			ProcessBuilder managerProcess = JobTestSupport.childChunker(List.of(), "index", this.tree.toString(), "--repo",
					"sample", "--db", database.url(), "--remote", "--config", this.config.toString());
			Path managerOut = this.dir.resolve("manager.out");
			Process manager = managerProcess.redirectErrorStream(true).redirectOutput(managerOut.toFile()).start();
			try {
				await(() -> database.count("SELECT COUNT(*) FROM files") >= 12, "the slow worker commits a few files");
				slow.destroyForcibly().waitFor();
				long committed = database.count("SELECT COUNT(*) FROM files");
				assertThat(committed).as("killed in the middle of the run").isLessThan(total);
				Process fast = startWorker(database, "fast", List.of());
				assertThat(manager.waitFor(300, java.util.concurrent.TimeUnit.SECONDS)).as("the manager finishes").isTrue();
				assertThat(manager.exitValue()).as(Files.readString(managerOut)).isZero();
				JobTestSupport.assertSameRows(database.digest(), clean);
				String fastOut = Files.readString(this.dir.resolve("worker-fast.out"));
				assertThat(fastOut).as(fastOut).contains("taking over partition");
				// Resumed from the reader's committed position: no file counted as read twice over all partitions.
				assertThat(database.count("SELECT SUM(read_count) FROM batch_step_execution WHERE step_name LIKE 'chunkFilesWorker:%'"))
					.isEqualTo(total);
				assertThat(fast.isAlive()).isTrue();
			}
			finally {
				manager.destroyForcibly().waitFor();
			}
		}
	}

	@Test
	void aManagerKilledInTheRunIsResumedByRestartRemoteWhileTheWorkersGoOn() throws Exception {
		Digest clean = JobTestSupport.cleanRun(Db.POSTGRESQL, "sample", this.tree, this.dir);
		try (TestDatabase database = TestDatabase.create(Db.POSTGRESQL, this.dir)) {
			migrate(database);
			startWorker(database, "steady", List.of(FaultInjection.SLOW_ENV + "=20"));
			awaitLiveWorkers(database, 1);
			Path managerOut = this.dir.resolve("manager-killed.out");
			Process manager = JobTestSupport.childChunker(List.of(), "index", this.tree.toString(), "--repo", "sample",
					"--db", database.url(), "--remote", "--config", this.config.toString())
				.redirectErrorStream(true).redirectOutput(managerOut.toFile()).start();
			try {
				await(() -> database.count("SELECT COUNT(*) FROM files") >= 10, "the worker commits a few files");
				manager.destroyForcibly().waitFor();
			}
			finally {
				manager.destroyForcibly().waitFor();
			}
			Thread.sleep(2_500);
			Cli resumed = JobTestSupport.runChild(JobTestSupport.childChunker(List.of(), "restart", "--repo", "sample",
					"--db", database.url(), "--remote", "--config", this.config.toString()), Duration.ofMinutes(5));
			assertThat(resumed.exitCode()).as(resumed.all()).isZero();
			assertThat(resumed.out()).contains("COMPLETED run 1 of 'sample'");
			JobTestSupport.assertSameRows(database.digest(), clean);
			// The worker went on with what it had taken: no partition was failed under it. It may still have been
			// handed requests the killed manager had queued for its execution after the restart marked that execution
			// failed: those it skips, saying so, and the restarted run sends its own.
			String worker = Files.readString(this.dir.resolve("worker-steady.out"));
			assertThat(worker.lines().filter((line) -> line.contains("FAILED"))).as(worker)
				.allMatch((line) -> line.matches("chunker worker: partition \\d+ not executed: its job execution 1 is FAILED"));
		}
	}

	@Test
	void aBrokerRestartInTheRunLosesNothing() throws Exception {
		Digest clean = JobTestSupport.cleanRun(Db.POSTGRESQL, "sample", this.tree, this.dir);
		this.config = config(120);
		try (TestDatabase database = TestDatabase.create(Db.POSTGRESQL, this.dir)) {
			migrate(database);
			startWorker(database, "one", List.of(FaultInjection.SLOW_ENV + "=20"));
			startWorker(database, "two", List.of(FaultInjection.SLOW_ENV + "=20"));
			awaitLiveWorkers(database, 2);
			Path managerOut = this.dir.resolve("manager-broker.out");
			Process manager = JobTestSupport.childChunker(List.of(), "index", this.tree.toString(), "--repo", "sample",
					"--db", database.url(), "--remote", "--config", this.config.toString())
				.redirectErrorStream(true).redirectOutput(managerOut.toFile()).start();
			try {
				await(() -> database.count("SELECT COUNT(*) FROM files") >= 10, "the workers commit a few files");
				rabbitmqctl("stop_app");
				Thread.sleep(3_000);
				rabbitmqctl("start_app");
				assertThat(manager.waitFor(300, java.util.concurrent.TimeUnit.SECONDS)).as("the manager finishes").isTrue();
				assertThat(manager.exitValue()).as(Files.readString(managerOut)).isZero();
				JobTestSupport.assertSameRows(database.digest(), clean);
			}
			finally {
				manager.destroyForcibly().waitFor();
			}
		}
	}

	private static void rabbitmqctl(String command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("rabbitmqctl", command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as("rabbitmqctl " + command + "\n" + output).isZero();
	}

	@Test
	void aJobDefinitionWithRemoteTrueRunsOnTheWorkers() throws Exception {
		Digest clean = JobTestSupport.cleanRun(Db.POSTGRESQL, "sample", this.tree, this.dir);
		try (TestDatabase database = TestDatabase.create(Db.POSTGRESQL, this.dir)) {
			migrate(database);
			startWorker(database, "job", List.of());
			awaitLiveWorkers(database, 1);
			Path job = this.dir.resolve("remote-job.yaml");
			Files.writeString(job, """
					name: remote-nightly
					database:
					  url: %s
					repositories:
					  - path: %s
					    name: sample
					remote: true
					""".formatted(database.url(), this.tree));
			Cli run = JobTestSupport.runChild(JobTestSupport.childChunker(List.of(), "run-job", job.toString(), "--config",
					this.config.toString()), Duration.ofMinutes(5));
			assertThat(run.exitCode()).as(run.all()).isZero();
			JobTestSupport.assertSameRows(database.digest(), clean);
			assertThat(database.count("SELECT COALESCE(SUM(finished), 0) FROM remote_workers")).as("the worker ran the partitions")
				.isEqualTo(database.count("SELECT COUNT(*) FROM batch_step_execution WHERE step_name LIKE 'chunkFilesWorker:%'"));
			Files.writeString(job, Files.readString(job).replace("remote: true", "remote: maybe"));
			Cli bad = chunker("run-job", job.toString());
			assertThat(bad.exitCode()).isEqualTo(2);
			assertThat(bad.err()).contains("remote: must be true or false, was 'maybe'");
		}
	}

	@Test
	void twoRunsAtOnceShareTheWorkersWithoutMixingTheirPartitions() throws Exception {
		Path other = JobTestSupport.sampleTree(this.dir.resolve("other"));
		Files.writeString(other.resolve("only_in_other.py"), "def only_here():\n    return 1\n");
		try (TestDatabase database = TestDatabase.create(Db.POSTGRESQL, this.dir)) {
			migrate(database);
			startWorker(database, "shared-1", List.of(FaultInjection.SLOW_ENV + "=5"));
			startWorker(database, "shared-2", List.of(FaultInjection.SLOW_ENV + "=5"));
			awaitLiveWorkers(database, 2);
			Path firstOut = this.dir.resolve("first.out");
			Process first = JobTestSupport.childChunker(List.of(), "index", this.tree.toString(), "--repo", "first",
					"--db", database.url(), "--remote", "--config", this.config.toString())
				.redirectErrorStream(true).redirectOutput(firstOut.toFile()).start();
			Cli second = JobTestSupport.runChild(JobTestSupport.childChunker(List.of(), "index", other.toString(), "--repo",
					"second", "--db", database.url(), "--remote", "--config", this.config.toString()), Duration.ofMinutes(5));
			assertThat(first.waitFor(300, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			assertThat(first.exitValue()).as(Files.readString(firstOut)).isZero();
			assertThat(second.exitCode()).as(second.all()).isZero();
			String chunksOf = "SELECT c.file_path || ' ' || c.chunk_id FROM chunks c JOIN repositories r ON r.repo_id = c.repo_id "
					+ "WHERE r.name = ? ORDER BY 1";
			List<String> firstChunks = database.strings(chunksOf, "first");
			List<String> secondChunks = database.strings(chunksOf, "second");
			assertThat(firstChunks).isNotEmpty().noneMatch((row) -> row.startsWith("only_in_other.py "));
			assertThat(secondChunks).anyMatch((row) -> row.startsWith("only_in_other.py "));
			assertThat(secondChunks.stream().filter((row) -> !row.startsWith("only_in_other.py ")).toList())
				.as("the shared files have the same chunks in both runs").isEqualTo(firstChunks);
			assertThat(database.strings("SELECT status FROM runs ORDER BY run_id")).containsExactly("COMPLETED", "COMPLETED");
		}
	}

	@Test
	void aFrozenWorkerFailsTheRunOnceTheOthersAreIdleAndTheRestartFinishesItsPartition() throws Exception {
		Digest clean = JobTestSupport.cleanRun(Db.POSTGRESQL, "sample", this.tree, this.dir);
		try (TestDatabase database = TestDatabase.create(Db.POSTGRESQL, this.dir)) {
			migrate(database);
			Process frozen = startWorker(database, "frozen", List.of(FaultInjection.SLOW_ENV + "=60"));
			startWorker(database, "steady", List.of(FaultInjection.SLOW_ENV + "=10"));
			awaitLiveWorkers(database, 2);
			Path managerOut = this.dir.resolve("manager-frozen.out");
			Process manager = JobTestSupport.childChunker(List.of(), "index", this.tree.toString(), "--repo", "sample",
					"--db", database.url(), "--remote", "--config", this.config.toString())
				.redirectErrorStream(true).redirectOutput(managerOut.toFile()).start();
			try {
				String claims = "SELECT COUNT(*) FROM remote_workers WHERE pid = " + frozen.pid() + " AND partitions <> ''";
				await(() -> database.count(claims) == 1 && database.count("SELECT COUNT(*) FROM files") >= 5,
						"the slow worker is in a partition");
				signal("STOP", frozen.pid());
				assertThat(manager.waitFor(240, java.util.concurrent.TimeUnit.SECONDS)).as("the manager gives up").isTrue();
				String out = Files.readString(managerOut);
				assertThat(manager.exitValue()).as(out).isEqualTo(1);
				assertThat(out).contains("stopped beating without disconnecting").doesNotContain("\tat ");
			}
			finally {
				manager.destroyForcibly().waitFor();
				signal("CONT", frozen.pid());
				frozen.destroyForcibly().waitFor();
			}
			Cli resumed = index(database);
			assertThat(resumed.exitCode()).as(resumed.all()).isZero();
			assertThat(resumed.out()).contains("COMPLETED run 1 of 'sample'").contains(", resumed");
			JobTestSupport.assertSameRows(database.digest(), clean);
		}
	}

	private static void signal(String name, long pid) throws IOException, InterruptedException {
		assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start().waitFor()).isZero();
	}

	@Test
	void withoutWorkersTheManagerFailsAfterTheTimeoutAndItsRestartCompletesWithOne() throws Exception {
		Digest clean = JobTestSupport.cleanRun(Db.POSTGRESQL, "sample", this.tree, this.dir);
		try (TestDatabase database = TestDatabase.create(Db.POSTGRESQL, this.dir)) {
			Cli alone = index(database);
			assertThat(alone.exitCode()).as(alone.all()).isEqualTo(1);
			assertThat(alone.out()).as(alone.all()).contains("FAILED run 1 of 'sample'")
				.contains("no remote worker has served queue").doesNotContain("\tat ");
			assertThat(alone.err()).as(alone.all()).contains("waiting for a remote worker").doesNotContain("\tat ");
			startWorker(database, "late", List.of());
			awaitLiveWorkers(database, 1);
			Thread.sleep(2_500);
			Cli resumed = index(database);
			assertThat(resumed.exitCode()).as(resumed.all()).isZero();
			assertThat(resumed.out()).contains("COMPLETED run 1 of 'sample'").contains(", resumed");
			JobTestSupport.assertSameRows(database.digest(), clean);
		}
	}

	@Test
	void anUnreachableBrokerIsOneSentence() {
		try (TestDatabase database = TestDatabase.create(Db.POSTGRESQL, this.dir)) {
			Cli worker = chunker("worker", "--db", database.url(), "--broker", "amqp://guest:guest@127.0.0.1:1");
			assertThat(worker.exitCode()).as(worker.all()).isEqualTo(1);
			assertThat(worker.err()).as(worker.all()).contains("cannot reach the broker amqp://guest@127.0.0.1:1/")
				.doesNotContain("\tat ").doesNotContain("guest:guest");
		}
	}

	@Test
	void anEmbeddedDatabaseIsRefusedInOneSentence() {
		Cli refused = chunker("index", this.tree.toString(), "--remote", "--db",
				"jdbc:h2:file:" + this.dir.resolve("embedded").toAbsolutePath());
		assertThat(refused.exitCode()).isEqualTo(2);
		assertThat(refused.err()).contains("remote mode needs a database every worker can open").doesNotContain("\tat ");
		Cli worker = chunker("worker", "--db", "jdbc:h2:file:" + this.dir.resolve("embedded").toAbsolutePath());
		assertThat(worker.exitCode()).isEqualTo(2);
		assertThat(worker.err()).contains("is an embedded database only this process can use");
		assertThat(chunker("worker", "--root-map", "relative=/x").err()).contains("--root-map must be FROM=TO");
	}

	private Cli index(TestDatabase database) throws Exception {
		return JobTestSupport.runChild(JobTestSupport.childChunker(List.of(), "index", this.tree.toString(), "--repo",
				"sample", "--db", database.url(), "--remote", "--config", this.config.toString()), Duration.ofMinutes(5));
	}

	/** Creates the schema first, so that the workers' and the manager's Flyway find it made. */
	private void migrate(TestDatabase database) {
		Cli jobs = chunker("jobs", "--db", database.url());
		assertThat(jobs.exitCode()).as(jobs.all()).isZero();
	}

	private Process startWorker(TestDatabase database, String name, List<String> environment) throws IOException {
		ProcessBuilder builder = JobTestSupport.childChunker(List.of(), "worker", "--db", database.url(), "--threads", "1",
				"--config", this.config.toString());
		for (String variable : environment) {
			int equals = variable.indexOf('=');
			builder.environment().put(variable.substring(0, equals), variable.substring(equals + 1));
		}
		Process worker = builder.redirectErrorStream(true).redirectOutput(this.dir.resolve("worker-" + name + ".out").toFile()).start();
		this.workers.add(worker);
		return worker;
	}

	private void awaitLiveWorkers(TestDatabase database, int count) throws InterruptedException {
		await(() -> {
			try {
				return database.count("SELECT COUNT(*) FROM remote_workers") >= count;
			}
			catch (RuntimeException notYetMigrated) {
				return false;
			}
		}, count + " workers registered");
	}

	private static void await(BooleanSupplier condition, String what) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out waiting until " + what);
			}
			Thread.sleep(100);
		}
	}

}
